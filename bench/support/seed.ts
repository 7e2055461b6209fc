import type { Client } from 'pg';
import { BENCH_SOURCE } from './ticket-events';
import { STANDARD_SLA } from '../../test/support/fixtures';

/** `count` vendors with one contract each, straight in SQL (no API needed); returns the contract ids. */
export async function seedContracts(db: Client, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH v AS (
       INSERT INTO "Vendor"(id, name) SELECT gen_random_uuid(), 'Seeded vendor ' || n FROM generate_series(1, $1::int) n RETURNING id, name)
     INSERT INTO "Contract"(id, "vendorId", name, "serviceType", "startsAt", sla, "updatedAt")
     SELECT gen_random_uuid(), v.id, 'Seeded contract', 'it_support', '2000-01-01', $2::jsonb, now() FROM v
     RETURNING id`,
    [count, JSON.stringify(STANDARD_SLA)],
  );
  return rows.map((r) => r.id);
}

/**
 * The event log of a busy portfolio, in one INSERT … SELECT per contract: `tickets` tickets per
 * contract spread evenly over the last `days` days (ending 12 h ago, so every response and
 * resolution lies in the past), each opened (priorities P1–P4 in turn, with a title), responded
 * 5–94 minutes later and resolved 30–629 minutes after that: the shape the API stores.
 */
export async function seedTicketEvents(db: Client, contractIds: string[], tickets: number, days: number): Promise<void> {
  for (const contractId of contractIds) {
    await db.query(
      `WITH t AS (
         SELECT n, 'SEED-' || n AS ticket,
                now() - interval '12 hours' - n * ($3::float8 * 86400 / $2::int) * interval '1 second' AS opened
         FROM generate_series(1, $2::int) n),
       e AS (
         SELECT t.ticket, k, n,
                t.opened + CASE k WHEN 'opened' THEN interval '0'
                                  WHEN 'responded' THEN (5 + n % 90) * interval '1 minute'
                                  ELSE (35 + n % 90 + n % 600) * interval '1 minute' END AS time
         FROM t CROSS JOIN unnest(ARRAY['opened', 'responded', 'resolved']) k)
       INSERT INTO "StoredEvent"(source, id, type, "contractId", "subjectId", time, data)
       SELECT $4, ticket || '-' || k, 'ticket.' || k, $1::uuid, 'ticket:' || ticket, time,
              CASE k WHEN 'opened'
                THEN jsonb_build_object('ticketId', ticket, 'priority', 'P' || (1 + n % 4), 'title', 'Ticket ' || n || ': user cannot reach the VPN')
                ELSE jsonb_build_object('ticketId', ticket) END
       FROM e`,
      [contractId, tickets, days, BENCH_SOURCE],
    );
  }
  await db.query('ANALYZE');
}
