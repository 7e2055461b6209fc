import type { Delivery, ParseResult, ReadSettings, Tool } from './connector-types';
import { parseGithub } from './github.connector';
import { parseJira } from './jira.connector';
import { parseServiceNow, SERVICENOW_TIME_ZONE_HEADER } from './servicenow.connector';
import { parseZendesk } from './zendesk.connector';

/** The headers a connector reads besides the signature; kept with quarantined deliveries for replay. */
export const DELIVERY_HEADERS: Record<Tool, string[]> = {
  github: ['x-github-event', 'x-github-delivery'],
  jira: ['x-atlassian-webhook-identifier'],
  zendesk: ['x-zendesk-webhook-id'],
  servicenow: [SERVICENOW_TIME_ZONE_HEADER],
};

/** One part of a delivery and what its connector made of it. */
export interface DeliveryPart {
  delivery: Delivery;
  result: ParseResult;
}

/**
 * A delivery as the deliveries it holds: a ServiceNow Table API list `{result: [record, …]}` is
 * one delivery per record (each deduplicated, quarantined and replayed on its own, as
 * `{result: record}`); every other body is one delivery. Errors name the record (`result.3.…`).
 */
export function parseDeliveries(tool: Tool, delivery: Delivery, settings: ReadSettings = {}): DeliveryPart[] {
  const body = delivery.body as { result?: unknown } | null;
  const list = tool === 'servicenow' && body && typeof body === 'object' && Array.isArray(body.result) ? body.result : null;
  if (!list?.length) return [{ delivery, result: parseDelivery(tool, delivery, settings) }];
  return list.map((record, i) => {
    const part = { headers: delivery.headers, body: { result: record as unknown } };
    const result = parseDelivery(tool, part, settings);
    return {
      delivery: part,
      result:
        result.kind === 'invalid' ? { ...result, errors: result.errors.map((e) => e.replace(/^result(?=[.:])/, `result.${i}`)) } : result,
    };
  });
}

/** One entry point for every tool: a delivery → drafts of canonical events, "ignored", "unreadable" or "invalid". Never throws. */
export function parseDelivery(tool: Tool, delivery: Delivery, settings: ReadSettings = {}): ParseResult {
  if (delivery.body === null || typeof delivery.body !== 'object' || Array.isArray(delivery.body)) {
    return { kind: 'invalid', errors: ['(body): expected a JSON object'] };
  }
  const odd = oddity(delivery.body);
  if (odd) return { kind: 'invalid', errors: [odd] };
  switch (tool) {
    case 'github':
      return parseGithub(delivery);
    case 'jira':
      return parseJira(delivery);
    case 'zendesk':
      return parseZendesk(delivery);
    case 'servicenow':
      return parseServiceNow(delivery, settings);
    default: {
      const unreachable: never = tool;
      return unreachable;
    }
  }
}

/** Mapping rule keys as stored: GitHub repositories are case-insensitive, the rest exact. */
export const normalizeSourceKey = (tool: Tool, key: string): string => (tool === 'github' ? key.trim().toLowerCase() : key.trim());

/** Vendor accounts as stored: GitHub logins are case-insensitive, the rest exact. */
export const normalizeAccount = (tool: Tool, account: string): string =>
  tool === 'github' ? account.trim().toLowerCase() : account.trim();

/** U+0000, or half of a UTF-16 surrogate pair: valid JSON escapes, but PostgreSQL's jsonb refuses them. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Deeper than any tool's payload; deeper bodies are refused before anything walks them recursively. */
export const MAX_BODY_DEPTH = 64;
const UNSTORABLE_TEXT = 'contains a NUL character or a lone surrogate, which no tool sends and the event store cannot hold';

/** The first thing no tool sends: a string or key PostgreSQL cannot store, or nesting beyond MAX_BODY_DEPTH. Iterative. */
function oddity(body: unknown): string | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_BODY_DEPTH) return `${path.slice(0, 3).join('.')}...: nested deeper than ${MAX_BODY_DEPTH} levels`;
    if (typeof value === 'string' && UNSTORABLE.test(value)) return `${path.join('.') || '(body)'}: ${UNSTORABLE_TEXT}`;
    if (!value || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return `${[...path, key].join('.')}: ${UNSTORABLE_TEXT}`;
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
