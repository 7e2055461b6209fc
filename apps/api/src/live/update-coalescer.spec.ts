import { UpdateCoalescer } from './update-coalescer';

describe('UpdateCoalescer', () => {
  let clock = 0;
  let delivered: string[];
  let coalescer: UpdateCoalescer<string>;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 1_000;
    delivered = [];
    coalescer = new UpdateCoalescer(
      (v) => delivered.push(v),
      100,
      () => clock,
    );
  });
  afterEach(() => jest.useRealTimers());

  const advance = (ms: number) => {
    clock += ms;
    jest.advanceTimersByTime(ms);
  };

  it('delivers the first value of a key at once', () => {
    coalescer.push('a', 'a1');
    expect(delivered).toEqual(['a1']);
  });

  it('holds a burst to one delivery per interval and ends on the newest value', () => {
    coalescer.push('a', 'a1');
    advance(10);
    coalescer.push('a', 'a2');
    coalescer.push('a', 'a3');
    advance(50);
    coalescer.push('a', 'a4');
    expect(delivered).toEqual(['a1']);
    advance(39);
    expect(delivered).toEqual(['a1']);
    advance(1); // 100 ms after a1
    expect(delivered).toEqual(['a1', 'a4']);
    advance(500);
    expect(delivered).toEqual(['a1', 'a4']);
  });

  it('keeps keys apart', () => {
    coalescer.push('a', 'a1');
    coalescer.push('b', 'b1');
    coalescer.push('a', 'a2');
    expect(delivered).toEqual(['a1', 'b1']);
    advance(100);
    expect(delivered).toEqual(['a1', 'b1', 'a2']);
  });

  it('delivers at once again after a quiet interval', () => {
    coalescer.push('a', 'a1');
    advance(250);
    coalescer.push('a', 'a2');
    expect(delivered).toEqual(['a1', 'a2']);
  });

  it('drops pending values on clear', () => {
    coalescer.push('a', 'a1');
    coalescer.push('a', 'a2');
    coalescer.clear();
    advance(200);
    expect(delivered).toEqual(['a1']);
  });
});
