import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Tool } from './connector-types';
import { octokitWebhooks } from './octokit-webhooks';

/** What a signature check needs of a request: its raw body and its headers (lower-case names). */
export interface SignedRequest {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** The headers each tool signs with (documented in docs/connectors.md). */
export const SIGNATURE_HEADERS: Record<Tool, string[]> = {
  github: ['x-hub-signature-256'],
  jira: ['x-hub-signature'],
  zendesk: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'],
  servicenow: ['x-rapport-signature'],
};

const MAX_SIGNATURE_LENGTH = 512;
/** Zendesk signs a timestamp with each delivery: one further than this from now is a replay (or a broken clock). */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

/** Why a signed timestamp is refused, or null: unreadable, or more than MAX_SIGNATURE_AGE_MS from `now` either way. */
export function staleTimestamp(timestamp: string, now: number): string | null {
  const at = Date.parse(timestamp);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(timestamp) || Number.isNaN(at)) return 'the signature timestamp is not an ISO 8601 instant';
  if (Math.abs(now - at) > MAX_SIGNATURE_AGE_MS)
    return 'the signature timestamp is more than 5 minutes away from now (a replayed delivery?)';
  return null;
}

const hmac = (secret: string, ...parts: (string | Buffer)[]): Buffer => {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

const sameBytes = (expected: Buffer, given: Buffer): boolean => expected.length === given.length && timingSafeEqual(expected, given);

/**
 * Checks a webhook request against the tool's active secrets: it is authentic if any of them
 * verifies, so a new secret can be added before the old one is revoked (rotation without downtime).
 * A Zendesk delivery whose signed timestamp is more than 5 minutes from `now` is refused.
 */
export async function checkSignature(tool: Tool, request: SignedRequest, secrets: string[], now = Date.now()): Promise<SignatureCheck> {
  const values = SIGNATURE_HEADERS[tool].map((h) => request.headers[h]);
  const missing = SIGNATURE_HEADERS[tool].filter((_, i) => !values[i]);
  if (missing.length) return { ok: false, reason: `missing ${missing.join(' and ')} header` };
  if (values.some((v) => v!.length > MAX_SIGNATURE_LENGTH)) return { ok: false, reason: 'signature header too long' };
  const stale = tool === 'zendesk' ? staleTimestamp(values[1]!, now) : null;
  if (stale) return { ok: false, reason: stale };
  if (!secrets.length) return { ok: false, reason: `no active ${tool} webhook secret is configured` };
  for (const secret of secrets) {
    if (await verifies(tool, request.rawBody, values as string[], secret)) return { ok: true };
  }
  return { ok: false, reason: `the ${SIGNATURE_HEADERS[tool][0]} signature does not match` };
}

async function verifies(tool: Tool, body: Buffer, [signature, timestamp]: string[], secret: string): Promise<boolean> {
  switch (tool) {
    case 'github':
      // GitHub signs the bytes it sent; a body that is not UTF-8 cannot be a GitHub payload.
      return octokitWebhooks().verify(secret, body.toString('utf8'), signature);
    case 'jira': {
      // Jira Cloud: "X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>".
      const match = /^sha256=([0-9a-f]{64})$/i.exec(signature);
      return !!match && sameBytes(hmac(secret, body), Buffer.from(match[1], 'hex'));
    }
    case 'zendesk':
      // Zendesk: base64(HMAC-SHA256(timestamp + body)).
      return sameBytes(hmac(secret, timestamp, body), Buffer.from(signature, 'base64'));
    case 'servicenow':
      // Rapport's own scheme for ServiceNow: base64(HMAC-SHA256(body)), what GlideCertificateEncryption.generateMac gives.
      return sameBytes(hmac(secret, body), Buffer.from(signature, 'base64'));
    default: {
      const unreachable: never = tool;
      return unreachable;
    }
  }
}

/** Signs a body the way each tool does: for tests, fixtures and the documentation's examples. */
export async function signFor(
  tool: Tool,
  secret: string,
  body: string,
  timestamp = new Date().toISOString(),
): Promise<Record<string, string>> {
  switch (tool) {
    case 'github':
      return { 'x-hub-signature-256': await octokitWebhooks().sign(secret, body) };
    case 'jira':
      return { 'x-hub-signature': `sha256=${hmac(secret, body).toString('hex')}` };
    case 'zendesk':
      return {
        'x-zendesk-webhook-signature': hmac(secret, timestamp, body).toString('base64'),
        'x-zendesk-webhook-signature-timestamp': timestamp,
      };
    case 'servicenow':
      return { 'x-rapport-signature': hmac(secret, body).toString('base64') };
    default: {
      const unreachable: never = tool;
      return unreachable;
    }
  }
}
