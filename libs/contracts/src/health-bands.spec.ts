import { bandOf } from './health-bands';

describe('bandOf', () => {
  it.each<[number | null, string | null]>([
    [100, 'healthy'],
    [75, 'healthy'],
    [74.99, 'at_risk'],
    [50, 'at_risk'],
    [49.99, 'critical'],
    [0, 'critical'],
    [Number.NaN, null],
    [null, null],
  ])('bandOf(%p) = %p', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});
