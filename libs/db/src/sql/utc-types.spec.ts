import { parseUtcTimestamp } from './utc-types';

describe('parseUtcTimestamp', () => {
  it.each([
    ['2026-11-28 10:00:00', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28 23:59:59.999', '2026-11-28T23:59:59.999Z'],
    ['2024-02-29 00:00:00.5', '2024-02-29T00:00:00.500Z'],
    ['2026-01-01 00:00:00.12', '2026-01-01T00:00:00.120Z'],
    ['2026-01-01 00:00:00.123456', '2026-01-01T00:00:00.123Z'],
    ['0099-06-01 12:00:00', '0099-06-01T12:00:00.000Z'],
    ['9999-12-31 23:59:59.999', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as the UTC instant %s', (text, iso) => {
    expect(parseUtcTimestamp(text).toISOString()).toBe(iso);
  });

  it('reads what it does not know as an invalid date, as Date does', () => {
    expect(Number.isNaN(parseUtcTimestamp('infinity').getTime())).toBe(true);
  });
});
