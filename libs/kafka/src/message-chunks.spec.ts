import { chunkBySize, encodedSize } from './message-chunks';

const message = (bytes: number) => ({ key: 'k', value: 'x'.repeat(bytes) });

describe('chunkBySize', () => {
  it('keeps every message, in order, in requests under the limit', () => {
    const messages = Array.from({ length: 2500 }, (_, i) => ({ key: String(i), value: 'v'.repeat(1000) }));
    const chunks = chunkBySize(messages, 100_000);
    expect(chunks.flat()).toEqual(messages);
    for (const chunk of chunks) expect(chunk.reduce((n, m) => n + encodedSize(m), 0)).toBeLessThanOrEqual(100_000);
    // 1000 + 1 + 4 key bytes at most + 96 framing ≈ 1,100 bytes each: 90 per request, so 28 requests.
    expect(chunks.length).toBeGreaterThanOrEqual(25);
  });

  it('gives a message larger than the limit a request of its own', () => {
    const chunks = chunkBySize([message(10), message(5000), message(10)], 1000);
    expect(chunks.map((c) => c.length)).toEqual([1, 1, 1]);
  });

  it('counts header bytes', () => {
    expect(encodedSize({ key: 'ab', value: 'cde', headers: { h: 'xyz' } })).toBe(96 + 2 + 3 + 1 + 3);
  });

  it('returns nothing for nothing', () => {
    expect(chunkBySize([])).toEqual([]);
  });
});
