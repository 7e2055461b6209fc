import { RequestMethod } from '@nestjs/common';
import { MODULE_PATH, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GATEWAY_METADATA, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY } from '../../apps/api/src/access/access.decorators';
import type { Role } from '../../apps/api/src/access/principal';

/** What a route's decorators decide about who may call it. */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'roles'; roles: Role[] }
  /** Every signed-in user, vendor users included (`@SignedIn()` or no decorator at all). */
  | { kind: 'signed-in'; explicit: boolean };

export interface RouteInfo {
  method: string;
  path: string;
  /** Null for routes registered on Express directly (not by a Nest controller). */
  policy: RoutePolicy | null;
  params: string[];
}

const clean = (...parts: (string | undefined)[]): string =>
  `/${parts
    .filter((p): p is string => Boolean(p))
    .join('/')
    .split('/')
    .filter(Boolean)
    .join('/')}`;
const asList = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : [typeof value === 'string' ? value : '']);
const paramsOf = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);

type Router = { stack: { route?: { path: string | string[]; methods: Record<string, boolean> } }[] };

/**
 * Every HTTP route the running application answers, read from Express's router (so nothing
 * registered any way can be missed), each joined with the access policy that Nest's metadata
 * gives its controller method.
 */
export function enumerateRoutes(app: NestExpressApplication): RouteInfo[] {
  const express = app.getHttpAdapter().getInstance() as { router?: Router; _router?: Router };
  const router = express.router ?? express._router;
  if (!router) throw new Error('cannot find the Express router');
  const policies = nestPolicies(app);
  const routes: RouteInfo[] = [];
  const seen = new Set<string>();
  for (const layer of router.stack) {
    if (!layer.route) continue;
    for (const path of asList(layer.route.path)) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (!on || method === '_all') continue;
        const key = `${method.toUpperCase()} ${path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ method: method.toUpperCase(), path, policy: policies.get(key) ?? null, params: paramsOf(path) });
      }
    }
  }
  return routes;
}

function nestPolicies(app: NestExpressApplication): Map<string, RoutePolicy> {
  const container = app.get(ModulesContainer);
  const reflector = new Reflector();
  const policies = new Map<string, RoutePolicy>();
  for (const moduleRef of container.values()) {
    const modulePath = (Reflect.getMetadata(MODULE_PATH + container.applicationId, moduleRef.metatype) ??
      Reflect.getMetadata(MODULE_PATH, moduleRef.metatype)) as string | undefined;
    for (const wrapper of moduleRef.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (methodPath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const targets = [handler as () => void, controller];
        const policy: RoutePolicy = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)
          ? { kind: 'public' }
          : reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets)
            ? { kind: 'roles', roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) }
            : { kind: 'signed-in', explicit: Boolean(reflector.getAllAndOverride<boolean>(SIGNED_IN_KEY, targets)) };
        for (const classPath of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const path of asList(methodPath)) policies.set(`${method} ${clean(modulePath, classPath, path)}`, policy);
        }
      }
    }
  }
  return policies;
}

/** Every event a client may send to a gateway (@SubscribeMessage handlers), as `Gateway:event`. */
export function enumerateSocketHandlers(app: NestExpressApplication): string[] {
  const found: string[] = [];
  for (const moduleRef of app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.providers.values()) {
      const gateway = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!gateway || typeof gateway !== 'function' || !Reflect.getMetadata(GATEWAY_METADATA, gateway)) continue;
      let prototype = gateway.prototype as Record<string, unknown> | null;
      while (prototype && prototype !== Object.prototype) {
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (typeof handler === 'function' && Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler)) {
            found.push(`${gateway.name}:${String(Reflect.getMetadata(MESSAGE_METADATA, handler))}`);
          }
        }
        prototype = Object.getPrototypeOf(prototype) as Record<string, unknown> | null;
      }
    }
  }
  return found;
}
