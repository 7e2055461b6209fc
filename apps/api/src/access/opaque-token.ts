import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 (hex) of a high-entropy token: what is stored, so a database leak reveals no token. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * A random bearer token with a recognisable prefix (so secret scanners and people can tell what
 * it is) and its hash. 32 random bytes: no salt or slow hash is needed to resist guessing.
 */
export function newOpaqueToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}
