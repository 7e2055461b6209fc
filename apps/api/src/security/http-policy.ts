import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { HelmetOptions } from 'helmet';

/**
 * The dashboard is a same-origin app: its script, styles and icons come from the API's origin,
 * Chart.js draws on a canvas, and socket.io talks to the same origin ('self' covers ws: / wss:
 * there). Nothing inline, nothing from elsewhere, no framing.
 */
export const APP_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'script-src-attr': ["'none'"],
};

/** Swagger UI (at /api/docs) ships an inline stylesheet; it gets that and nothing more. */
export const DOCS_CSP: Record<string, string[]> = { ...APP_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

/**
 * Helmet's defaults plus the CSP above. No `upgrade-insecure-requests`: TLS is the deployment's
 * choice, and the upgrade would break a plain-http one. HSTS is sent (browsers ignore it on http).
 */
export function helmetOptions(csp: Record<string, string[]>): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // For browsers that predate frame-ancestors.
    frameguard: { action: 'deny' },
  };
}

/** CORS for REST: nothing cross-origin unless allow-listed; bearer tokens, never cookies. */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    credentials: false,
    maxAge: 600,
  };
}

/**
 * Browser requests carry Origin. Allowed: none (non-browser clients), the same origin as the
 * Host the request was sent to, or one of the configured origins.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowList: readonly string[]): boolean {
  if (!origin) return true;
  if (allowList.includes(origin)) return true;
  try {
    return Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Every API answer may carry tenant data or credentials (tokens from sign-in, ingest tokens
 * shown once), so none may be kept by a browser or a shared cache.
 */
export function noStore(req: { path: string }, res: { setHeader(name: string, value: string): unknown }, next: () => void): void {
  if (req.path.startsWith('/api/v1/')) {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
  }
  next();
}
