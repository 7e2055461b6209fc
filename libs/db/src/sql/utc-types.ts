import { CustomTypesConfig, types } from 'pg';

const TIMESTAMP = 1114;
const TIMESTAMP_ARRAY = 1115;

const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;
const twoDigits = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);

/**
 * `timestamp without time zone` columns hold UTC instants (Prisma's convention); pg alone would read
 * them as local time. The usual `2026-11-28 10:00:00[.123]` is read digit by digit (a replay reads a
 * million of them; parsing the text as a date costs several times more); anything else (years
 * before 100 or after 9999, BC, infinity) the slow way.
 */
export function parseUtcTimestamp(text: string): Date {
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  if (text.length < 19 || text[4] !== '-' || text[10] !== ' ' || (text.length > 19 && text[19] !== '.') || !(year >= 100)) {
    return new Date(`${text.replace(' ', 'T')}Z`);
  }
  // Milliseconds: the first three digits of the fraction, as Date's own parsing takes them.
  const ms = text.length > 20 ? Number(text.slice(20, 23).padEnd(3, '0')) : 0;
  return new Date(
    Date.UTC(year, twoDigits(text, 5) - 1, twoDigits(text, 8), twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17), ms),
  );
}

/** `{"2026-01-01 10:00:00","…"}`: timestamps hold no commas, quotes or escapes. */
const utcArray = (text: string): Date[] =>
  text === '{}'
    ? []
    : text
        .slice(1, -1)
        .split(',')
        .map((item) => parseUtcTimestamp(item.replaceAll('"', '')));

/** Type parsers for typed SQL: timestamps as UTC, everything else as pg reads it. */
export const utcTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP) return parseUtcTimestamp;
    if (oid === TIMESTAMP_ARRAY) return utcArray;
    return types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};
