/** The broker cannot be reached now: the caller should answer 503 and let the client retry. */
export class BrokerUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Kafka is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'BrokerUnavailableError';
  }
}

const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSAggregateError',
]);

/** Connection-level failures (as opposed to a request the broker refused for what it carried). */
export function isBrokerUnreachable(error: unknown): boolean {
  for (let e = error as { name?: string; retriable?: boolean; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name && UNREACHABLE.has(e.name)) return true;
    if (e.name === 'KafkaJSProtocolError' && e.retriable) return true;
  }
  return false;
}
