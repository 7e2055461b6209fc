import { NEVER_MS, slaClock } from './sla-clock';
import type { BusinessCalendar } from './kpi-types';

const d = (iso: string): Date => new Date(iso);
const nineToFive = [{ start: '09:00', end: '17:00' }];

/** Berlin office hours; 2026-03-29 is the spring-forward Sunday (CET +01 → CEST +02). */
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weeklyHours: { '1': nineToFive, '2': nineToFive, '3': nineToFive, '4': nineToFive, '5': nineToFive },
  holidays: ['2026-04-03', '2026-04-06'], // Good Friday, Easter Monday
};

describe('slaClock without a calendar (calendar minutes)', () => {
  const clock = slaClock(null);

  it('counts real minutes', () => {
    expect(clock.minutesBetween(d('2026-03-02T09:00:00Z'), d('2026-03-02T10:30:00Z'))).toBe(90);
    // 2 days = 2 × 1440 = 2880
    expect(clock.minutesBetween(d('2026-03-06T12:00:00Z'), d('2026-03-08T12:00:00Z'))).toBe(2880);
    expect(clock.minutesBetween(d('2026-03-02T10:30:00Z'), d('2026-03-02T09:00:00Z'))).toBe(-90);
  });

  it('adds minutes, fractional ones to the millisecond', () => {
    expect(clock.addMinutes(d('2026-03-02T09:00:00Z'), 90)).toEqual(d('2026-03-02T10:30:00Z'));
    expect(clock.addMinutes(d('2026-03-02T09:00:00Z'), 0.5)).toEqual(d('2026-03-02T09:00:30Z'));
    expect(clock.addMinutes(d('2026-03-02T09:00:00Z'), 0)).toEqual(d('2026-03-02T09:00:00Z'));
  });

  it('is the same clock for undefined', () => {
    expect(slaClock().minutesBetween(d('2026-01-01T00:00:00Z'), d('2026-01-01T01:00:00Z'))).toBe(60);
  });
});

describe('slaClock with business hours', () => {
  const clock = slaClock(berlin);

  it('skips the weekend across the DST change', () => {
    // Fri 27 Mar 16:00 CET (15:00Z) → Mon 30 Mar 10:00 CEST (08:00Z): Fri 16–17 = 60 + Mon 9–10 = 60
    expect(clock.minutesBetween(d('2026-03-27T15:00:00Z'), d('2026-03-30T08:00:00Z'))).toBe(120);
    expect(clock.addMinutes(d('2026-03-27T15:00:00Z'), 120)).toEqual(d('2026-03-30T08:00:00Z'));
    // Fri 09:00 CET (08:00Z) + 960 = Fri 480 + Mon 480 → Mon 17:00 CEST = 15:00Z (not 16:00Z)
    expect(clock.addMinutes(d('2026-03-27T08:00:00Z'), 960)).toEqual(d('2026-03-30T15:00:00Z'));
  });

  it('returns the earliest instant the budget is used up (end of day, not next opening)', () => {
    // Fri 16:00 CET + 60 = Fri 17:00 CET = 16:00Z
    expect(clock.addMinutes(d('2026-03-27T15:00:00Z'), 60)).toEqual(d('2026-03-27T16:00:00Z'));
  });

  it('starts counting at the next opening when started outside hours', () => {
    // Sat 28 Mar 12:00Z + 30 → Mon 30 Mar 09:30 CEST = 07:30Z
    expect(clock.addMinutes(d('2026-03-28T12:00:00Z'), 30)).toEqual(d('2026-03-30T07:30:00Z'));
    // Saturday to Sunday evening: no business minutes at all
    expect(clock.minutesBetween(d('2026-03-28T06:00:00Z'), d('2026-03-29T20:00:00Z'))).toBe(0);
  });

  it('skips holidays', () => {
    // Thu 2 Apr 16:30 CEST (14:30Z): 30 min Thu; Fri 3 holiday; weekend; Mon 6 holiday; Tue 09:00–09:30 = 30
    expect(clock.addMinutes(d('2026-04-02T14:30:00Z'), 60)).toEqual(d('2026-04-07T07:30:00Z'));
    expect(clock.minutesBetween(d('2026-04-02T14:30:00Z'), d('2026-04-07T07:30:00Z'))).toBe(60);
  });

  it('is negative when reversed', () => {
    expect(clock.minutesBetween(d('2026-03-30T08:00:00Z'), d('2026-03-27T15:00:00Z'))).toBe(-120);
  });
});

describe('slaClock when DST changes inside business hours', () => {
  it('Europe/Berlin 2026-03-29: Sunday 01:00–04:00 local lasts 120 real minutes', () => {
    const sundayNight: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weeklyHours: { '7': [{ start: '01:00', end: '04:00' }] },
      holidays: [],
    };
    const clock = slaClock(sundayNight);
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z → 120 (a normal Sunday gives 180)
    expect(clock.minutesBetween(d('2026-03-29T00:00:00Z'), d('2026-03-29T03:00:00Z'))).toBe(120);
    // Two weeks 23 Mar–6 Apr: 120 on 29 Mar + 180 on 5 Apr = 300
    expect(clock.minutesBetween(d('2026-03-23T00:00:00Z'), d('2026-04-06T00:00:00Z'))).toBe(300);
    // 150 = 120 on 29 Mar + 30 from Sun 5 Apr 01:00 CEST (4 Apr 23:00Z) → 23:30Z
    expect(clock.addMinutes(d('2026-03-29T00:00:00Z'), 150)).toEqual(d('2026-04-04T23:30:00Z'));
  });

  it('America/New_York 2026-03-08 and 2026-11-01: Sunday 00:00–06:00 lasts 300 and 420 minutes', () => {
    const sunday: BusinessCalendar = {
      timeZone: 'America/New_York',
      weeklyHours: { '7': [{ start: '00:00', end: '06:00' }] },
      holidays: [],
    };
    const clock = slaClock(sunday);
    // 8 Mar: 00:00 EST = 05:00Z, 06:00 EDT = 10:00Z → 5 h = 300
    expect(clock.minutesBetween(d('2026-03-08T00:00:00Z'), d('2026-03-09T00:00:00Z'))).toBe(300);
    // 1 Nov: 00:00 EDT = 04:00Z, 06:00 EST = 11:00Z → 7 h = 420
    expect(clock.minutesBetween(d('2026-11-01T00:00:00Z'), d('2026-11-02T00:00:00Z'))).toBe(420);
    // 1 Nov 04:00Z + 400 = 10:40Z (that is 05:40 EST)
    expect(clock.addMinutes(d('2026-11-01T04:00:00Z'), 400)).toEqual(d('2026-11-01T10:40:00Z'));
  });

  it("treats '24:00' as the next local midnight", () => {
    const allSunday: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weeklyHours: { '7': [{ start: '00:00', end: '24:00' }] },
      holidays: [],
    };
    // Sun 29 Mar 00:00 CET (28 Mar 23:00Z) → Mon 00:00 CEST (29 Mar 22:00Z) = 23 h = 1380
    expect(slaClock(allSunday).minutesBetween(d('2026-03-28T00:00:00Z'), d('2026-03-31T00:00:00Z'))).toBe(1380);
  });
});

describe('slaClock calendar edge cases', () => {
  it('merges overlapping intervals', () => {
    const overlapping: BusinessCalendar = {
      timeZone: 'UTC',
      weeklyHours: {
        '1': [
          { start: '11:00', end: '13:00' },
          { start: '09:00', end: '12:00' },
        ],
      },
      holidays: [],
    };
    // 09:00–13:00 on Mon 2 Mar 2026 = 240, not 180 + 120
    expect(slaClock(overlapping).minutesBetween(d('2026-03-02T00:00:00Z'), d('2026-03-03T00:00:00Z'))).toBe(240);
  });

  it('never reaches a deadline without working hours', () => {
    const closed: BusinessCalendar = { timeZone: 'UTC', weeklyHours: {}, holidays: [] };
    expect(slaClock(closed).addMinutes(d('2026-03-02T00:00:00Z'), 1).getTime()).toBe(NEVER_MS);
    expect(slaClock(closed).minutesBetween(d('2026-03-02T00:00:00Z'), d('2026-04-02T00:00:00Z'))).toBe(0);
  });

  it('rejects an unknown time zone and malformed hours', () => {
    expect(() => slaClock({ timeZone: 'Mars/Olympus', weeklyHours: {}, holidays: [] })).toThrow(/time zone/);
    expect(() => slaClock({ timeZone: 'UTC', weeklyHours: { '1': [{ start: '9am', end: '17:00' }] }, holidays: [] })).toThrow(/HH:MM/);
  });
});
