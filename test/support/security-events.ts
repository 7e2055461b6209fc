import { PrismaService } from '@rapport/db';
import { HOUR } from './fixtures';
import type { RapportHarness } from './rapport-harness';

/** A `feedback.submitted` event with a fixed id and source, for tests that need to control both. */
export function rating(contractId: string, source: string, id: string, csat: number, at = Date.now() - HOUR) {
  return {
    specversion: '1.0',
    id,
    source,
    type: 'feedback.submitted',
    time: new Date(at).toISOString(),
    contractid: contractId,
    data: { feedbackId: id, csat },
  };
}

export const sendEvents = (rapport: RapportHarness, token: string, events: unknown) =>
  rapport.request<{ accepted?: number; message?: string; forbidden?: { index: number; contractId: string }[] }>('POST', '/api/v1/events', {
    token,
    body: events,
  });

/** Waits until the pipeline has stored `count` events of a contract from a source (it never stores more than it is sent). */
export async function storedEvents(
  rapport: RapportHarness,
  where: { contractId: string; source: string },
  count: number,
  timeoutMs = 30_000,
): Promise<number> {
  const prisma = rapport.api.get(PrismaService);
  const until = Date.now() + timeoutMs;
  let stored = await prisma.storedEvent.count({ where });
  while (stored < count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    stored = await prisma.storedEvent.count({ where });
  }
  return stored;
}
