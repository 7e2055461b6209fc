import { DateTime, IANAZone } from 'luxon';
import type { BusinessCalendar, IsoWeekday } from './kpi-types';

/** Measures SLA time: calendar minutes, or a contract's business minutes. */
export interface SlaClock {
  /** SLA minutes elapsed from `from` to `to` (negative when `to` is earlier). */
  minutesBetween(from: Date, to: Date): number;
  /**
   * The earliest instant at which `minutes` SLA minutes have elapsed since `from`
   * (so a budget used up at 17:00 on a Friday ends at 17:00, not at Monday's opening).
   * Zero or negative minutes return `from`.
   */
  addMinutes(from: Date, minutes: number): Date;
}

/** Millisecond variant, used by ticket outcomes so deadlines compare exactly (no float minutes). */
export interface PreciseSlaClock extends SlaClock {
  msBetween(from: number, to: number): number;
  addMs(from: number, ms: number): number;
}

const MINUTE_MS = 60_000;
/** Latest instant a Date can hold; the "never" deadline of a calendar without working hours. */
export const NEVER_MS = 8.64e15;
/** Safety stop for day-by-day walks (about a century). */
const MAX_DAYS = 36_600;

type Span = readonly [start: number, end: number];

function withMinutes(core: Pick<PreciseSlaClock, 'msBetween' | 'addMs'>): PreciseSlaClock {
  return {
    ...core,
    minutesBetween: (from, to) => core.msBetween(from.getTime(), to.getTime()) / MINUTE_MS,
    addMinutes: (from, minutes) => new Date(core.addMs(from.getTime(), Math.round(minutes * MINUTE_MS))),
  };
}

const calendarMinutes = withMinutes({
  msBetween: (from, to) => to - from,
  addMs: (from, ms) => (ms <= 0 ? from : from + ms),
});

/** Parses 'HH:MM' (or '24:00') into minutes since local midnight. */
function parseHhmm(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) {
    throw new RangeError(`invalid business hour '${value}', expected HH:MM`);
  }
  return minutes;
}

function businessMinutes(calendar: BusinessCalendar): PreciseSlaClock {
  const zone = calendar.timeZone;
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone '${zone}'`);
  const holidays = new Set(calendar.holidays);
  const weekly = new Map<number, [number, number][]>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const defs = calendar.weeklyHours[String(weekday) as IsoWeekday] ?? [];
    const parsed = defs.map((d): [number, number] => [parseHhmm(d.start), parseHhmm(d.end)]);
    // Intervals that end at or before they start are empty (overnight shifts are two intervals).
    weekly.set(
      weekday,
      parsed.filter(([s, e]) => e > s),
    );
  }
  const hasHours = [...weekly.values()].some((spans) => spans.length > 0);
  const daySpans = new Map<string, Span[]>();

  // Local times become instants through luxon, so a DST change inside working hours
  // shortens or lengthens that day's real minutes; a nonexistent local time moves forward.
  const instant = (day: DateTime, localMinutes: number): number =>
    localMinutes === 24 * 60
      ? day.plus({ days: 1 }).startOf('day').toMillis()
      : day.set({ hour: Math.floor(localMinutes / 60), minute: localMinutes % 60 }).toMillis();

  const spansOf = (day: DateTime): Span[] => {
    const key = day.toISODate() ?? '';
    const cached = daySpans.get(key);
    if (cached) return cached;
    const spans: [number, number][] = holidays.has(key)
      ? []
      : (weekly.get(day.weekday) ?? [])
          .map(([s, e]): [number, number] => [instant(day, s), instant(day, e)])
          .filter(([s, e]) => e > s)
          .sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    daySpans.set(key, merged);
    return merged;
  };

  const firstDay = (ms: number): DateTime => DateTime.fromMillis(ms, { zone }).startOf('day');

  const msBetween = (from: number, to: number): number => {
    if (to < from) return -msBetween(to, from);
    let total = 0;
    // Spans never cross local midnight, so days before `from`'s local date cannot overlap.
    for (let day = firstDay(from), n = 0; day.toMillis() < to && n < MAX_DAYS; day = day.plus({ days: 1 }), n++) {
      for (const [s, e] of spansOf(day)) total += Math.max(0, Math.min(e, to) - Math.max(s, from));
    }
    return total;
  };

  const addMs = (from: number, ms: number): number => {
    if (ms <= 0) return from;
    if (!hasHours) return NEVER_MS;
    let left = ms;
    for (let day = firstDay(from), n = 0; n < MAX_DAYS; day = day.plus({ days: 1 }), n++) {
      for (const [s, e] of spansOf(day)) {
        if (e <= from) continue;
        const start = Math.max(s, from);
        if (left <= e - start) return start + left;
        left -= e - start;
      }
    }
    return NEVER_MS;
  };

  return withMinutes({ msBetween, addMs });
}

// Building a business clock parses the calendar; ticket outcomes ask for it once per ticket.
const clocks = new WeakMap<BusinessCalendar, PreciseSlaClock>();

/** The precise clock behind slaClock (shared per calendar object). */
export function preciseSlaClock(calendar?: BusinessCalendar | null): PreciseSlaClock {
  if (!calendar) return calendarMinutes;
  let clock = clocks.get(calendar);
  if (!clock) {
    clock = businessMinutes(calendar);
    clocks.set(calendar, clock);
  }
  return clock;
}

/** Calendar minutes when there is no calendar; business minutes (DST-correct) otherwise. */
export function slaClock(calendar?: BusinessCalendar | null): SlaClock {
  return preciseSlaClock(calendar);
}
