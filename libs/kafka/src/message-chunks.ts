import type { Message } from 'kafkajs';

/**
 * The broker refuses a produce request whose record batch for one partition exceeds
 * `message.max.bytes` (1 MiB by default), and kafkajs treats that as final. Requests are kept
 * well under it; the per-record overhead is a generous bound on Kafka's record framing.
 */
export const MAX_REQUEST_BYTES = 900 * 1024;
const RECORD_OVERHEAD_BYTES = 96;

export function encodedSize(message: Message): number {
  let size = RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) size += Buffer.byteLength(name) + byteLength(value as string);
  return size;
}

const byteLength = (value: unknown): number =>
  value === null || value === undefined ? 0 : Buffer.isBuffer(value) ? value.length : Buffer.byteLength(String(value));

/** Splits messages, in order, into requests of at most `maxBytes` each (a lone larger message gets a request of its own). */
export function chunkBySize(messages: Message[], maxBytes = MAX_REQUEST_BYTES): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = encodedSize(message);
    if (current.length && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
