import { jsonTextIsStorable, validateCanonicalEvent } from '@rapport/contracts';
import { recordPayloads } from '@rapport/kafka';
import type { Batch } from 'kafkajs';
import type { Rejected } from './dead-letter.service';
import { type Delivered, positionOf } from './event-processor.service';

export interface ReadRecords {
  valid: Delivered[];
  rejected: Rejected[];
}

/**
 * A batch's records as events: each valid one with where it was read, the rest with the reason.
 * An event's position is its record's ("topic/partition/offset"), and in a batch record also its
 * index there ("…/offset#3"), so that each one is quarantined once however often it is read.
 */
export function readRecords(batch: Batch): ReadRecords {
  const valid: Delivered[] = [];
  const rejected: Rejected[] = [];
  for (const message of batch.messages) {
    const key = message.key?.toString() ?? '';
    const position = `${batch.topic}/${batch.partition}/${message.offset}`;
    const text = message.value?.toString() ?? '';
    const record = recordPayloads(text, message.headers?.['content-type']?.toString());
    if (!record.ok) {
      rejected.push({ key, payload: text, reason: record.reason, position });
      continue;
    }
    const acceptedAt = Number(message.timestamp);
    const textChecked = jsonTextIsStorable(text);
    record.payloads.forEach((payload, i) => {
      const index = record.batch ? i : -1;
      const result = validateCanonicalEvent(payload, textChecked);
      if (result.ok) valid.push({ event: result.event, record: position, index, acceptedAt });
      else rejected.push({ key, payload, reason: result.errors.join('; '), position: positionOf({ record: position, index }) });
    });
  }
  return { valid, rejected };
}
