/** Kafka topics, versioned by name so that a payload change gets a new topic. */
export const TOPICS = {
  /** Accepted canonical events, keyed by contract id (per-contract ordering). */
  events: 'rapport.events.v1',
  /** Events that passed the edge but failed inside the pipeline, with the reason in headers. */
  deadLetter: 'rapport.events.dlq.v1',
  /** Scorecard updates and alerts from the pipeline to the API's socket gateway. */
  updates: 'rapport.updates.v1',
} as const;

export const ALL_TOPICS = Object.values(TOPICS);

/** The pipeline workers' consumer group (suffix; the configured prefix comes first). The API's readiness probe watches it. */
export const PIPELINE_GROUP = 'pipeline';
