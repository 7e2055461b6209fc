import { z } from 'zod';

/**
 * Bounds for the dates and numbers clients send, so that nothing out of range reaches the KPI
 * code or PostgreSQL (where it would be a 500): instants between 1970 and 2200, ids that fit
 * PostgreSQL's bigint.
 */
export const EARLIEST = new Date('1970-01-01T00:00:00Z');
export const LATEST = new Date('2200-01-01T00:00:00Z');
const inRange = (d: Date): boolean => d >= EARLIEST && d < LATEST;
const RANGE_MESSAGE = 'must lie between 1970-01-01 and 2200-01-01';

/** An ISO 8601 instant with an offset, within the range. */
export const boundedInstant = z.iso
  .datetime({ offset: true })
  .refine((s) => inRange(new Date(s)), RANGE_MESSAGE)
  .transform((s) => new Date(s));

/** A date in any form `new Date()` reads (as before), within the range. */
export const boundedDate = z.coerce.date().refine(inRange, RANGE_MESSAGE);

const MAX_BIGINT = 2n ** 63n - 1n;

/** A positive id of a bigint column, given as digits. */
export const bigintId = z
  .string()
  .regex(/^\d{1,19}$/, 'an entry id')
  .transform((s) => BigInt(s))
  .refine((n) => n <= MAX_BIGINT, `at most ${MAX_BIGINT}`);
