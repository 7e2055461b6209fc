import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an opt-out link turns off. */
export type OptOutKind = 'digest' | 'alerts';

/**
 * Opt-out links work without signing in, so they carry a signature (HMAC-SHA256 with
 * AUTH_SECRET, which every instance shares) over the kind and the user. They never expire:
 * an old digest's link must still stop the next one.
 */
const sign = (secret: string, kind: OptOutKind, userId: string): string =>
  createHmac('sha256', secret).update(`rapport-mail-opt-out:${kind}:${userId}`).digest('base64url');

export const optOutToken = (secret: string, kind: OptOutKind, userId: string): string => `${kind}.${userId}.${sign(secret, kind, userId)}`;

export function readOptOutToken(secret: string, token: string): { kind: OptOutKind; userId: string } | null {
  const [kind, userId, signature, extra] = token.split('.');
  if (extra !== undefined || (kind !== 'digest' && kind !== 'alerts') || !userId || !signature) return null;
  const expected = Buffer.from(sign(secret, kind, userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { kind, userId } : null;
}
