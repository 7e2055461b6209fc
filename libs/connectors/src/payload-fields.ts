import { z } from 'zod';

/** Building blocks shared by the connectors' payload schemas. */

/** Any timestamp JavaScript can read (ISO 8601, Jira's `+0000` offsets, ServiceNow's `YYYY-MM-DD hh:mm:ss` in UTC). */
export const timestamp = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const serviceNow = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
    const time = new Date(serviceNow);
    if (Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1970 || time.getUTCFullYear() > 9999) {
      ctx.addIssue({ code: 'custom', message: 'not a readable timestamp' });
      return z.NEVER;
    }
    return time.toISOString();
  });

/** An identifier that tools send as a number or a string. */
export const idLike = z.union([z.string().trim().min(1).max(150), z.number().int().nonnegative()]).transform(String);

export const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((s) => (s ? s.slice(0, max) : undefined));
