import { validateCanonicalEvent } from '@rapport/contracts';
import type { Batch } from 'kafkajs';
import type { Rejected } from './dead-letter.service';
import type { Delivered } from './event-processor.service';

export interface ReadRecords {
  valid: Delivered[];
  rejected: Rejected[];
}

/** A batch's records as events: each valid one with where it was read, the rest with the reason. */
export function readRecords(batch: Batch): ReadRecords {
  const valid: Delivered[] = [];
  const rejected: Rejected[] = [];
  for (const message of batch.messages) {
    const key = message.key?.toString() ?? '';
    const position = `${batch.topic}/${batch.partition}/${message.offset}`;
    const text = message.value?.toString() ?? '';
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      rejected.push({ key, payload: text, reason: 'message is not JSON', position });
      continue;
    }
    const result = validateCanonicalEvent(payload);
    if (result.ok) valid.push({ event: result.event, position, acceptedAt: Number(message.timestamp) });
    else rejected.push({ key, payload, reason: result.errors.join('; '), position });
  }
  return { valid, rejected };
}
