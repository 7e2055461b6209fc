import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@rapport/config';
import type { ScorecardView, VendorScorecardView } from '@rapport/contracts';
import { DbModule } from '@rapport/db';
import { CHART_CID, DigestModule, DigestPlanner, MailDispatcher } from '@rapport/digest';
import { EventFactory, MINUTE } from '../support/fixtures';
import { RapportHarness } from '../support/rapport-harness';
import { SmtpReceiver } from '../support/smtp-receiver';
import { eventually } from '../support/webhook-client';

/** Another running instance of the mail side: its own Nest context and pool on the same database. */
@Module({ imports: [ConfigModule, DbModule, DigestModule] })
class DigestInstanceModule {}

const DAY = 24 * 60 * MINUTE;
const W47_END = Date.parse('2026-11-23T00:00:00Z');
const run = Math.random().toString(36).slice(2, 8);
const ALPHA = `Digest Alpha ${run}`;
const BETA = `Digest Beta ${run}`;
const PASSWORD = 'digest-user-password';
const email = (who: string) => `${who}.${run}@digest.test`;
const MANAGER = email('manager');
const QUITTER = email('quitter');
const ALPHA_USER = email('alpha');
const BETA_USER = email('beta');

describe('weekly digest and alert mail', () => {
  let smtp: SmtpReceiver;
  let rapport: RapportHarness;
  let admin: string;
  let alpha: { vendorId: string; contractId: string };
  let beta: { vendorId: string; contractId: string };
  const instances: INestApplicationContext[] = [];

  const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL, DIGEST_CRON: process.env.DIGEST_CRON };

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    process.env.SMTP_URL = smtp.url;
    process.env.APP_URL = 'http://rapport.test:8080';
    // A schedule that never comes due during the test: only the runs below send digests.
    process.env.DIGEST_CRON = `0 ${(new Date().getUTCHours() + 12) % 24} * * *`;
    rapport = await RapportHarness.start();
    admin = await rapport.adminToken();
    alpha = await rapport.createContract(admin, ALPHA, { name: 'Service desk', sla: sla(240) });
    beta = await rapport.createContract(admin, BETA, { name: 'Hosting', sla: sla(240) });
    for (const [address, role, vendorId] of [
      [MANAGER, 'manager', undefined],
      [QUITTER, 'manager', undefined],
      [ALPHA_USER, 'vendor', alpha.vendorId],
      [BETA_USER, 'vendor', beta.vendorId],
    ] as const) {
      const res = await rapport.request('POST', '/api/v1/users', {
        token: admin,
        body: { email: address, password: PASSWORD, role, vendorId },
      });
      expect(res.status).toBe(201);
    }
    await ingestHistory();
    for (let i = 0; i < 2; i++) instances.push(await NestFactory.createApplicationContext(DigestInstanceModule, { logger: false }));
  });

  afterAll(async () => {
    await Promise.allSettled(instances.map((i) => i.close()));
    await rapport?.stop();
    await smtp?.stop();
    // Later suites in this process get the environment they had.
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  /** Alpha: 4 met first responses (Nov 1–4), then 3 breached in W47 (answered after 300 of 240 minutes). Beta: 4 met. */
  async function ingestHistory(): Promise<void> {
    const a = new EventFactory(alpha.contractId);
    const b = new EventFactory(beta.contractId);
    const ticket = (f: EventFactory, id: string, opened: number, answeredAfter: number) => [
      f.event('ticket.opened', opened, { ticketId: id, priority: 'P3', title: `Ticket ${id}` }),
      f.event('ticket.responded', opened + answeredAfter * MINUTE, { ticketId: id }),
    ];
    const nov = (day: number) => Date.parse(`2026-11-${String(day).padStart(2, '0')}T09:00:00Z`);
    const events = [
      ...[1, 2, 3, 4].flatMap((d) => ticket(a, `A-${d}`, nov(d), 10)),
      ...[18, 19, 20].flatMap((d) => ticket(a, `A-${d}`, nov(d), 300)),
      ...[2, 3, 4, 19].flatMap((d) => ticket(b, `B-${d}`, nov(d), 20)),
    ];
    expect((await rapport.ingest(events)).status).toBe(202);
    await eventually(
      () => scorecard(alpha.contractId, W47_END),
      (s) => expect(s.kpis.firstResponseCompliance.samples).toBe(7),
    );
    await eventually(
      () => scorecard(beta.contractId, W47_END),
      (s) => expect(s.kpis.firstResponseCompliance.samples).toBe(4),
    );
  }

  const scorecard = async (contractId: string, at: number) =>
    (
      await rapport.request<ScorecardView>('GET', `/api/v1/scorecards/${contractId}?window=30d&at=${new Date(at).toISOString()}`, {
        token: admin,
      })
    ).body;
  const vendorScore = async (vendorId: string, at: number) =>
    (
      await rapport.request<VendorScorecardView>(
        'GET',
        `/api/v1/vendors/${vendorId}/scorecard?window=30d&at=${new Date(at).toISOString()}`,
        { token: admin },
      )
    ).body.score;
  const ledger = async (week: string) =>
    (
      await rapport.request<{ email: string; status: string; attempts: number; lastError: string | null }[]>(
        'GET',
        `/api/v1/digests?week=${week}`,
        { token: admin },
      )
    ).body;
  const runWeek = (week: string) =>
    rapport.request<{ planned: number; sent: number; retrying: number; failed: number }>('POST', '/api/v1/digests/run', {
      token: admin,
      body: { week },
    });

  it('sends each recipient their own digest, with the API scorecards numbers and a decodable chart', async () => {
    const first = await runWeek('2026-W47');
    expect(first.status).toBe(200);
    const recipients = (await ledger('2026-W47')).map((r) => r.email);
    expect(recipients).toEqual(expect.arrayContaining([MANAGER, QUITTER, ALPHA_USER, BETA_USER, process.env.ADMIN_EMAIL]));
    // The pipeline's own dispatcher may take some of the sending; every row ends sent, once.
    expect(first.body).toMatchObject({ planned: recipients.length, retrying: 0, failed: 0 });
    await eventually(
      () => ledger('2026-W47'),
      (rows) => expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 1])),
    );
    for (const address of recipients) expect(smtp.to(address, '2026-W47')).toHaveLength(1);

    // The manager's numbers are the API's at the week's end (Monday 00:00 UTC) and a week earlier.
    const text = smtp.to(MANAGER, '2026-W47')[0].parsed.text!;
    for (const [vendor, v, name] of [
      [ALPHA, alpha, 'Service desk'],
      [BETA, beta, 'Hosting'],
    ] as const) {
      const [now, before] = [await vendorScore(v.vendorId, W47_END), await vendorScore(v.vendorId, W47_END - 7 * DAY)];
      const [cNow, cBefore] = [(await scorecard(v.contractId, W47_END)).score!, (await scorecard(v.contractId, W47_END - 7 * DAY)).score!];
      expect(text).toContain(`* ${vendor}: ${now!.toFixed(1)} (${bandName(now!)}), week change ${change(now! - before!)}`);
      expect(text).toContain(`  - ${name}: ${cNow.toFixed(1)} (${bandName(cNow)}), week change ${change(cNow - cBefore)}`);
    }
    // Hand-computed: Alpha's first-response compliance fell from 4/4 to 4/7 = 57.1%, with the breached tickets behind it.
    expect(text).toContain(`* ${ALPHA} / Service desk: First-response SLA 100.0% -> 57.1%`);
    expect(text).toMatch(/ticket A-20 breached 2026-11-20 13:00 UTC/);

    // Vendor users see their own vendor only, and no other vendor's name anywhere in the mail.
    const vendors = (await rapport.request<{ name: string }[]>('GET', '/api/v1/vendors', { token: admin })).body.map((v) => v.name);
    for (const [address, own] of [
      [ALPHA_USER, ALPHA],
      [BETA_USER, BETA],
    ]) {
      const mail = smtp.to(address, '2026-W47')[0].parsed;
      const whole = `${mail.subject}\n${mail.text}\n${mail.html}`;
      expect(whole).toContain(own);
      for (const other of vendors.filter((n) => n !== own)) expect(whole).not.toContain(other);
    }

    // The chart is an inline PNG of 600 × 260 referenced by the HTML.
    const mail = smtp.to(MANAGER, '2026-W47')[0].parsed;
    const chart = mail.attachments.find((a) => a.cid === CHART_CID)!;
    expect(chart.contentType).toBe('image/png');
    expect(chart.content.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([chart.content.readUInt32BE(16), chart.content.readUInt32BE(20)]).toEqual([600, 260]);
    expect(mail.html).toContain(`cid:${CHART_CID}`);
    expect(mail.html).toContain('http://rapport.test:8080/vendors/');

    // A rerun sends nothing more.
    const again = await runWeek('2026-W47');
    expect(again.body).toMatchObject({ planned: 0, sent: 0, retrying: 0, failed: 0 });
    for (const address of recipients) expect(smtp.to(address, '2026-W47')).toHaveLength(1);
  });

  it('sends a week once when the API and two other instances run it at the same time', async () => {
    const week = '2026-W45';
    const now = new Date();
    const [a, b] = instances;
    const [viaApi, viaA, viaB] = await Promise.all([
      runWeek(week),
      a
        .get(DigestPlanner)
        .planWeek(week, now)
        .then(() => a.get(MailDispatcher).dispatch(now, { kind: 'digest', period: week })),
      b
        .get(DigestPlanner)
        .planWeek(week, now)
        .then(() => b.get(MailDispatcher).dispatch(now, { kind: 'digest', period: week })),
    ]);
    const rows = await eventually(
      () => ledger(week),
      (list) => expect(list.map((r) => [r.status, r.attempts])).toEqual(list.map(() => ['sent', 1])),
    );
    // The pipeline's scheduler races too, so the three callers send at most all of them between them.
    const split = [viaApi.body.sent, viaA.sent, viaB.sent];
    expect(split.reduce((x, y) => x + y)).toBeLessThanOrEqual(rows.length);
    console.info(
      `two-instance race: ${rows.length} recipients, sent by API/instance A/instance B = ${split.join('/')}, mails received ${smtp.mails.filter((m) => m.parsed.subject?.includes(week)).length}`,
    );
    expect(smtp.mails.filter((m) => m.parsed.subject?.includes(week))).toHaveLength(rows.length);
    for (const r of rows) expect(smtp.to(r.email, week)).toHaveLength(1);
  });

  it('honours the opt-out link, retries a temporary refusal once and records a permanent one', async () => {
    const quitterMail = smtp.to(QUITTER, '2026-W47')[0].parsed;
    const link = /Stop these digests: (\S+)/.exec(quitterMail.text!)![1].replace('http://rapport.test:8080', rapport.baseUrl);
    expect(quitterMail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(link, { method: 'POST' })).status).toBe(200);
    expect(
      (
        await fetch(
          link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
          { method: 'POST' },
        )
      ).status,
    ).toBe(400);

    const week = '2026-W46';
    smtp.refuse(MANAGER, [451]);
    smtp.refuse(BETA_USER, [550]);
    expect((await runWeek(week)).status).toBe(200);
    // The pipeline's dispatcher may still hold a row it claimed alongside the API's run.
    let rows = await eventually(
      () => ledger(week),
      (list) => expect(list.filter((r) => r.status === 'sending')).toEqual([]),
    );
    expect(rows.map((r) => r.email)).not.toContain(QUITTER);
    expect(rows.find((r) => r.email === MANAGER)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(rows.find((r) => r.email === BETA_USER)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(rows.find((r) => r.email === BETA_USER)!.lastError).toContain('550');
    expect(smtp.to(MANAGER, week)).toHaveLength(0);

    // Not due before its backoff; sent on the next pass after it; never twice.
    await instances[0].get(MailDispatcher).dispatch(new Date(Date.now() + 31_000));
    await instances[1].get(MailDispatcher).dispatch(new Date(Date.now() + 31_000));
    rows = await ledger(week);
    expect(rows.find((r) => r.email === MANAGER)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.to(MANAGER, week)).toHaveLength(1);
    expect(smtp.to(BETA_USER, week)).toHaveLength(0);
    const failed = await rapport.request<{ email: string; period: string }[]>('GET', '/api/v1/mail/deliveries?status=failed', {
      token: admin,
    });
    expect(failed.body).toEqual(expect.arrayContaining([expect.objectContaining({ email: BETA_USER, period: week })]));
  });

  it('previews the caller’s own digest as HTML, scoped to their vendor', async () => {
    const login = await rapport.login(ALPHA_USER, PASSWORD);
    const res = await fetch(`${rapport.baseUrl}/api/v1/digests/preview?week=2026-W47`, { headers: { authorization: `Bearer ${login}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain(ALPHA);
    expect(html).not.toContain(BETA);
    expect(html).toContain('data:image/png;base64,');
    const bad = await rapport.request('GET', '/api/v1/digests/preview?week=2026-W99', { token: login });
    expect(bad.status).toBe(400);
    expect((await rapport.request('POST', '/api/v1/digests/run', { token: login, body: { week: '2026-W47' } })).status).toBe(403);
  });

  it('mails a P1 breach to managers at once, once per contract and hour', async () => {
    // A fresh contract (no score yet, so no band change): its P1 first response is due 1 minute after opening.
    const p1Sla = { ...sla(240), P1: { firstResponseMinutes: 1, resolutionMinutes: 60 } };
    const created = await rapport.request<{ id: string }>('POST', '/api/v1/contracts', {
      token: admin,
      body: { vendorId: beta.vendorId, name: 'Incident line', serviceType: 'it_support', startsAt: '2026-01-01T00:00:00Z', sla: p1Sla },
    });
    expect(created.status).toBe(201);
    const contractId = created.body.id;
    const events = new EventFactory(contractId);
    // Opened 1 min − 3 s ago: due in 3 s, breached live by the pipeline's clock.
    const ticket = (id: string) =>
      events.event('ticket.opened', Date.now() + 3000 - MINUTE, { ticketId: id, priority: 'P1', title: 'Outage' });
    await rapport.ingest([ticket('P1-a')]);
    const subject = `Critical: ${BETA} / Incident line`;
    await eventually(
      async () => smtp.to(MANAGER, subject),
      (mails) => expect(mails).toHaveLength(1),
    );
    expect(smtp.to(MANAGER, subject)[0].parsed.text).toContain('P1 ticket P1-a "Outage" breached its first-response target');
    expect(smtp.to(BETA_USER, subject)).toHaveLength(0);

    await rapport.ingest([ticket('P1-b')]);
    const alerts = await eventually(
      async () =>
        (
          await rapport.request<{ contractId: string; message: string; raisedAt: string }[]>('GET', '/api/v1/alerts', { token: admin })
        ).body.filter((a) => a.contractId === contractId && a.message.includes('P1 ticket')),
      (list) => expect(list.filter((a) => a.message.includes('P1-b'))).toHaveLength(1),
    );
    // Give the mailer time to act on the second alert, then count: one mail per distinct hour.
    await new Promise((r) => setTimeout(r, 3000));
    const hours = new Set(alerts.map((a) => a.raisedAt.slice(0, 13)));
    expect(smtp.to(MANAGER, subject)).toHaveLength(hours.size);
  });
});

function sla(p3FirstResponse: number) {
  return {
    P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: p3FirstResponse, resolutionMinutes: 1440 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
  };
}

const bandName = (score: number) => (score >= 75 ? 'healthy' : score >= 50 ? 'at risk' : 'critical');
const change = (delta: number) => (delta === 0 ? '±0.0' : `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)}`);
