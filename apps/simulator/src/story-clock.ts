/**
 * Maps real (event) time to story time. A vendor's story is measured in simulated days since
 * `epochMs`; during backfill one story day is one real day, in the live phase the story runs
 * `rate` times faster (SIMULATOR_SPEED simulated minutes per real second). Handling times
 * (responses, resolutions, reviews) are always real minutes, so SLA outcomes stay honest.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export interface StoryClock {
  /** Calendar date of story day 0 (for the weekly/daily rhythm). */
  epochMs: number;
  /** Real instant at which the story is at `originDay`. */
  originMs: number;
  originDay: number;
  /** Story days per real day (1 in backfill). */
  rate: number;
  /** Length of one story arc in days: trends span it, bursts recur once per length. */
  lengthDays: number;
}

/** Backfill: story time is real time, counted from the story's start. */
export function backfillClock(storyStartMs: number, lengthDays: number): StoryClock {
  return { epochMs: storyStartMs, originMs: storyStartMs, originDay: 0, rate: 1, lengthDays: Math.max(lengthDays, 1) };
}

/** Live: continues the backfill story from `liveStartMs`, `speed` simulated minutes per real second. */
export function liveClock(storyStartMs: number, liveStartMs: number, speed: number, lengthDays: number): StoryClock {
  return {
    epochMs: storyStartMs,
    originMs: liveStartMs,
    originDay: (liveStartMs - storyStartMs) / DAY_MS,
    rate: speed * 60,
    lengthDays: Math.max(lengthDays, 1),
  };
}

export const storyDayAt = (clock: StoryClock, realMs: number): number =>
  clock.originDay + ((realMs - clock.originMs) / DAY_MS) * clock.rate;

export const realMsAt = (clock: StoryClock, storyDay: number): number =>
  clock.originMs + ((storyDay - clock.originDay) * DAY_MS) / clock.rate;

/** Activity rhythm of the client's business week, by story calendar: busy office hours, quiet weekends. */
export function rhythmAt(clock: StoryClock, storyDay: number): number {
  const when = new Date(clock.epochMs + storyDay * DAY_MS);
  const weekday = when.getUTCDay();
  const hour = when.getUTCHours();
  const office = hour >= 8 && hour < 18 ? 1.5 : 0.5;
  return weekday === 0 || weekday === 6 ? office * 0.35 : office;
}

export const MAX_RHYTHM = 1.5;

/** Start of the UTC day containing `ms`. */
export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
