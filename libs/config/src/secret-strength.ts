import { ZxcvbnFactory, type Match } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * Strength rules for the secrets people and operators choose: user passwords (and ADMIN_PASSWORD)
 * and AUTH_SECRET. zxcvbn-ts finds the structure (repeats, sequences, keyboard walks, common
 * passwords from its shipped list of ~49,000); we decide what is enough.
 */
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
const COMMON_PASSWORDS = new Set(dictionary['passwords-common']);

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's score 3: at least 10^8 guesses. */
const MIN_PASSWORD_SCORE = 3;

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'a commonly used password; choose another';
  const result = zxcvbn.check(password.slice(0, 200));
  if (result.score < MIN_PASSWORD_SCORE) {
    const hint = result.feedback.warning ?? result.feedback.suggestions[0];
    return `too easy to guess${hint ? ` (${hint})` : ''}; use a longer or less predictable password`;
  }
  return null;
}

export const MIN_SECRET_BITS = 256;

/** The alphabet a secret appears to be drawn from: hex, or the sum of the character classes it uses. */
function poolSize(secret: string): number {
  if (/^[0-9a-f]+$/.test(secret) || /^[0-9A-F]+$/.test(secret)) return 16;
  let pool = 0;
  if (/[a-z]/.test(secret)) pool += 26;
  if (/[A-Z]/.test(secret)) pool += 26;
  if (/[0-9]/.test(secret)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(secret)) pool += 33;
  return pool;
}

// Structure worth discounting: long enough that a random string almost never shows it by chance
// (a 64-character random hex secret contains a repeat or sequence of 8 with odds under 1 in 10^5).
const isStructure = (match: Match): boolean => {
  const length = match.j - match.i + 1;
  if (match.pattern === 'dictionary') return length >= 6;
  return ['repeat', 'sequence', 'spatial'].includes(match.pattern) && length >= 8;
};

/**
 * Estimated bits of entropy of a machine secret: characters outside any structure count
 * log2(alphabet) bits each, and each repeat, sequence, keyboard walk or word counts only the
 * guesses zxcvbn needs for it. `a` × 64 or `0123456789abcdef` × 4 come out at a few bits;
 * 32 random bytes in hex at 256, in base64url at about 258.
 */
export function secretEntropyBits(secret: string): number {
  const perChar = Math.log2(Math.max(poolSize(secret), 1));
  const result = zxcvbn.check(secret);
  let bits = 0;
  let covered = 0;
  for (const match of result.sequence) {
    const length = match.j - match.i + 1;
    covered += length;
    bits += isStructure(match) ? (match.guessesLog10 ?? 0) * Math.log2(10) : length * perChar;
  }
  // zxcvbn reads at most its maxLength (256) characters; the rest counts as characters too.
  return bits + Math.max([...secret].length - covered, 0) * perChar;
}
