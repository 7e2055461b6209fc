import { staleBefore } from './history-rebuilder.service';

const at = (iso: string) => new Date(iso);

describe('staleBefore', () => {
  it('is the current hour until the last five minutes of it, then the next', () => {
    expect(staleBefore(at('2026-11-29T10:00:00Z'))).toEqual(at('2026-11-29T10:00:00Z'));
    expect(staleBefore(at('2026-11-29T10:54:59.999Z'))).toEqual(at('2026-11-29T10:00:00Z'));
    // A transaction storing now may commit after the 11:00 point is computed: its events count as late.
    expect(staleBefore(at('2026-11-29T10:55:00Z'))).toEqual(at('2026-11-29T11:00:00Z'));
    expect(staleBefore(at('2026-11-29T23:59:00Z'))).toEqual(at('2026-11-30T00:00:00Z'));
  });
});
