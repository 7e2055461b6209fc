import { CustomTypesConfig, types } from 'pg';

const TIMESTAMP = 1114;
const TIMESTAMP_ARRAY = 1115;

/** `timestamp without time zone` columns hold UTC instants (Prisma's convention); pg alone would read them as local time. */
const utc = (text: string): Date => new Date(`${text.replace(' ', 'T')}Z`);

/** `{"2026-01-01 10:00:00","…"}`: timestamps hold no commas, quotes or escapes. */
const utcArray = (text: string): Date[] =>
  text === '{}'
    ? []
    : text
        .slice(1, -1)
        .split(',')
        .map((item) => utc(item.replaceAll('"', '')));

/** Type parsers for typed SQL: timestamps as UTC, everything else as pg reads it. */
export const utcTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP) return utc;
    if (oid === TIMESTAMP_ARRAY) return utcArray;
    return types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};
