import { digestInstant, dueWeek, parseWeek, weekKeyOf } from './digest-week';

describe('digest weeks', () => {
  it('reads an ISO week in a time zone', () => {
    expect(parseWeek('2026-W48', 'UTC')).toEqual({
      key: '2026-W48',
      start: new Date('2026-11-23T00:00:00Z'),
      end: new Date('2026-11-30T00:00:00Z'),
    });
    // Paris is UTC+1 in November: the week starts at 23:00 UTC on Sunday.
    expect(parseWeek('2026-W48', 'Europe/Paris')?.start).toEqual(new Date('2026-11-22T23:00:00Z'));
    // 2026 has 53 ISO weeks; 2025 has 52.
    expect(parseWeek('2026-W53', 'UTC')?.start).toEqual(new Date('2026-12-28T00:00:00Z'));
    expect(parseWeek('2025-W53', 'UTC')).toBeNull();
    expect(parseWeek('2026-48', 'UTC')).toBeNull();
  });

  it('names the week of an instant, across a year boundary', () => {
    expect(weekKeyOf(new Date('2026-11-28T18:00:00Z'), 'UTC')).toBe('2026-W48');
    expect(weekKeyOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(weekKeyOf(new Date('2026-11-29T23:30:00Z'), 'Europe/Paris')).toBe('2026-W49');
  });

  it('evaluates a finished week at its end and a running one now', () => {
    const week = parseWeek('2026-W48', 'UTC')!;
    expect(digestInstant(week, new Date('2026-12-01T08:00:00Z'))).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(digestInstant(week, new Date('2026-11-28T18:00:00Z'))).toEqual(new Date('2026-11-28T18:00:00Z'));
  });

  it('finds the run due at a moment: the default Monday 08:00 reports the week just ended', () => {
    const cron = '0 8 * * 1';
    expect(dueWeek(cron, 'UTC', new Date('2026-11-30T07:59:00Z'))).toBeNull();
    expect(dueWeek(cron, 'UTC', new Date('2026-11-30T08:00:00Z'))).toBe('2026-W48');
    expect(dueWeek(cron, 'UTC', new Date('2026-11-30T13:59:00Z'))).toBe('2026-W48');
    expect(dueWeek(cron, 'UTC', new Date('2026-11-30T14:01:00Z'))).toBeNull();
    // 08:00 in New York is 13:00 UTC.
    expect(dueWeek(cron, 'America/New_York', new Date('2026-11-30T12:59:00Z'))).toBeNull();
    expect(dueWeek(cron, 'America/New_York', new Date('2026-11-30T13:00:00Z'))).toBe('2026-W48');
    // A Friday run reports the running week.
    expect(dueWeek('0 17 * * 5', 'UTC', new Date('2026-11-27T17:05:00Z'))).toBe('2026-W48');
  });
});
