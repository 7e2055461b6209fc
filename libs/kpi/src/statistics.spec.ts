import { clamp, mean, median, nearestRank, ratio, roundOrNull, roundTo } from './statistics';

describe('median', () => {
  it.each<[string, number[], number | null]>([
    ['empty', [], null],
    ['one value', [5], 5],
    ['odd count: middle of 1,2,3', [3, 1, 2], 2],
    ['even count: (2 + 3) / 2', [4, 1, 3, 2], 2.5],
    ['even count of two: (10 + 15) / 2', [15, 10], 12.5],
    ['duplicates: 1,1,1,9,9 → 1', [9, 1, 1, 9, 1], 1],
  ])('%s', (_name, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('nearestRank (p90)', () => {
  const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  it.each<[string, number[], number | null]>([
    ['empty', [], null],
    ['n=1: ⌈0.9⌉ = 1st', [7], 7],
    ['n=3: ⌈2.7⌉ = 3rd', [30, 10, 20], 30],
    ['n=10: ⌈9⌉ = 9th (not 10th)', oneTo(10), 9],
    ['n=11: ⌈9.9⌉ = 10th', oneTo(11), 10],
    ['n=20: ⌈18⌉ = 18th', oneTo(20), 18],
    ['n=70: ⌈63⌉ = 63rd (0.9·70 is 63.000…01 in floats)', oneTo(70), 63],
  ])('%s', (_name, values, expected) => {
    expect(nearestRank(values, 90)).toBe(expected);
  });
});

describe('ratio', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null], // no samples
    [2, 2, null], // 2 < 3 samples
    [2, 3, 2 / 3],
    [3, 4, 0.75],
  ])('%d / %d', (num, den, expected) => {
    expect(ratio(num, den)).toBe(expected);
  });
});

describe('roundTo', () => {
  it.each<[number, number, number]>([
    [1.005, 2, 1.01], // naive x*100 rounding gives 1.00
    [53.428571, 2, 53.43],
    [0.666666, 4, 0.6667],
    [-2.5, 0, -3], // half away from zero
    [-0.001, 2, 0], // no negative zero
    [42, 2, 42],
  ])('roundTo(%d, %d) = %d', (x, decimals, expected) => {
    expect(Object.is(roundTo(x, decimals), expected)).toBe(true);
  });

  it('passes null through', () => {
    expect(roundOrNull(null, 2)).toBeNull();
    expect(roundOrNull(1.234, 1)).toBe(1.2);
  });
});

describe('clamp and mean', () => {
  it('clamps to the range', () => {
    expect(clamp(-0.8, 0, 1)).toBe(0);
    expect(clamp(1.2, 0, 1)).toBe(1);
    expect(clamp(0.4, 0, 1)).toBe(0.4);
  });

  it('means values, null when empty', () => {
    expect(mean([])).toBeNull();
    expect(mean([40, 60, 80])).toBe(60); // 180 / 3
  });
});
