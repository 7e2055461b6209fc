import { CronTime } from 'cron';
import { DateTime } from 'luxon';

/**
 * Digest weeks are ISO weeks ("2026-W48", Monday to Monday) in the recipient's time zone.
 * A digest of a week is evaluated at the week's end, or at the moment it is planned if the
 * week is not over. A scheduled run reports the week that contains the day before it fires, so
 * the default Monday 08:00 run reports the week that just ended, and a Friday run the current one.
 */
export interface DigestWeek {
  key: string;
  start: Date;
  end: Date;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A run missed (instance down at fire time) is still made up for this long after. */
export const CATCH_UP_MS = 6 * 60 * 60 * 1000;

export function parseWeek(key: string, zone: string): DigestWeek | null {
  const match = WEEK_KEY.exec(key);
  if (!match) return null;
  const start = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone });
  if (!start.isValid || start.weekNumber !== Number(match[2])) return null;
  return { key, start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

export const weekKeyOf = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toFormat("kkkk-'W'WW");

/** The instant a week's digest is evaluated at: its end, or `now` while it is running. */
export const digestInstant = (week: DigestWeek, now: Date): Date => (week.end < now ? week.end : now);

/** The week whose digest is due at `now` in `zone`: the latest cron run in the catch-up span, if any. */
export function dueWeek(cron: string, zone: string, now: Date, catchUpMs = CATCH_UP_MS): string | null {
  const time = new CronTime(cron, zone);
  let fire: Date | null = null;
  let next = time.getNextDateFrom(new Date(now.getTime() - catchUpMs), zone).toJSDate();
  for (let steps = 0; next <= now && steps < 10_000; steps++) {
    fire = next;
    next = time.getNextDateFrom(next, zone).toJSDate();
  }
  return fire && weekKeyOf(new Date(fire.getTime() - DAY_MS), zone);
}
