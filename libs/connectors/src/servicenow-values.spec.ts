import { Field, formOf, phaseOf, priorityOf, tableOf, timeOf } from './servicenow-values';

const bare = (text: string): Field => ({ raw: null, display: null, bare: text });
const pair = (raw: string, display: string): Field => ({ raw, display });
const none: Field = { raw: null, display: null };
const LA = 'America/Los_Angeles';

describe('ServiceNow values in raw and display form', () => {
  it('reads display-value times in the sending user time zone (hand-computed offsets)', () => {
    // November 20, 2026: Pacific Standard Time, UTC-8.
    expect(timeOf(bare('2026-11-20 09:15:00'), 'display', LA, 'opened_at')).toEqual({ ok: true, value: '2026-11-20T17:15:00.000Z' });
    // July 1, 2026: Pacific Daylight Time, UTC-7.
    expect(timeOf(bare('2026-07-01 09:15:00'), 'display', LA, 'opened_at')).toEqual({ ok: true, value: '2026-07-01T16:15:00.000Z' });
    // Europe/Paris in winter: UTC+1.
    expect(timeOf(bare('2026-11-20 09:15:00'), 'display', 'Europe/Paris', 'x')).toEqual({ ok: true, value: '2026-11-20T08:15:00.000Z' });
    // Past midnight: 2026-11-20 23:30 in Los Angeles is the 21st at 07:30 UTC.
    expect(timeOf(bare('2026-11-20 23:30:00'), 'display', LA, 'x')).toEqual({ ok: true, value: '2026-11-21T07:30:00.000Z' });
  });

  it('reads raw times and pair values as UTC, whatever zone is known', () => {
    expect(timeOf(bare('2026-11-20 09:15:00'), 'raw', LA, 'x')).toEqual({ ok: true, value: '2026-11-20T09:15:00.000Z' });
    expect(timeOf(pair('2026-11-20 18:00:00', '2026-11-20 10:00:00'), 'display', LA, 'x')).toEqual({
      ok: true,
      value: '2026-11-20T18:00:00.000Z',
    });
    // A pair without its raw value falls back to the display value, which needs the zone.
    expect(timeOf({ raw: null, display: '2026-11-20 10:00:00' }, 'raw', LA, 'x')).toEqual({ ok: true, value: '2026-11-20T18:00:00.000Z' });
    expect(timeOf(bare('2026-11-20T09:15:00+01:00'), 'display', null, 'x')).toEqual({ ok: true, value: '2026-11-20T08:15:00.000Z' });
    expect(timeOf(bare(''), 'display', null, 'x')).toEqual({ ok: true, value: null });
    expect(timeOf(none, 'raw', null, 'x')).toEqual({ ok: true, value: null });
  });

  it('says why a time cannot be read: no zone for a local time, or an unknown format', () => {
    expect(timeOf(bare('2026-11-20 09:15:00'), 'display', null, 'opened_at')).toMatchObject({
      ok: false,
      needsTimeZone: true,
      reason: expect.stringMatching(/^opened_at "2026-11-20 09:15:00" is a display value .*X-ServiceNow-Time-Zone/),
    });
    expect(timeOf(bare('11/20/2026 09:15:00 AM'), 'display', LA, 'opened_at')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/format/),
    });
    expect(timeOf(bare('2026-13-45 99:00:00'), 'raw', null, 'x')).toMatchObject({ ok: false });
    expect(timeOf(bare('soon'), 'raw', null, 'x')).toMatchObject({ ok: false });
  });

  it('reads priorities from codes and labels', () => {
    const cases: [Field, string][] = [
      [bare('1'), 'P1'],
      [bare('1 - Critical'), 'P1'],
      [bare('2 - High'), 'P2'],
      [bare('3 - Moderate'), 'P3'],
      [bare('4 - Low'), 'P4'],
      [bare('5 - Planning'), 'P4'],
      [pair('2', '2 - High'), 'P2'],
      [bare('Critical'), 'P1'],
      [bare(''), 'P3'],
      [none, 'P3'],
    ];
    for (const [f, expected] of cases) expect({ f, read: priorityOf(f) }).toEqual({ f, read: { ok: true, value: expected } });
    expect(priorityOf(bare('Très urgent'))).toEqual({ ok: false, reason: expect.stringMatching(/^priority "Très urgent"/) });
  });

  it('reads states from codes and labels, per table family', () => {
    expect(phaseOf(bare('Closed'), 'incident')).toEqual({ ok: true, value: 'resolved' });
    expect(phaseOf(bare('Resolved'), 'incident')).toEqual({ ok: true, value: 'resolved' });
    expect(phaseOf(bare('In Progress'), 'incident')).toEqual({ ok: true, value: 'working' });
    expect(phaseOf(bare('On Hold'), 'incident')).toEqual({ ok: true, value: 'working' });
    expect(phaseOf(bare('New'), 'incident')).toEqual({ ok: true, value: 'new' });
    expect(phaseOf(bare('7'), 'incident')).toEqual({ ok: true, value: 'resolved' });
    expect(phaseOf(pair('6', 'Resolved'), 'incident')).toEqual({ ok: true, value: 'resolved' });
    expect(phaseOf(bare('Closed Complete'), 'task')).toEqual({ ok: true, value: 'resolved' });
    expect(phaseOf(bare('Work in Progress'), 'task')).toEqual({ ok: true, value: 'working' });
    expect(phaseOf(bare('-5'), 'task')).toEqual({ ok: true, value: 'working' });
    // A custom code is a custom state: read, neither worked on nor resolved.
    expect(phaseOf(bare('42'), 'incident')).toEqual({ ok: true, value: 'other' });
    expect(phaseOf(none, 'incident')).toEqual({ ok: true, value: null });
    // A label Rapport does not know might mean "closed": it is not guessed.
    expect(phaseOf(bare('Awaiting Vendor'), 'incident')).toEqual({
      ok: false,
      reason: 'state "Awaiting Vendor" is not a state label Rapport knows for incident records',
    });
  });

  it('reads the table from a raw name, a class label or the number prefix', () => {
    expect(tableOf(bare('incident'), 'INC1')).toEqual({ ok: true, value: 'incident' });
    expect(tableOf(bare('Incident'), 'INC1')).toEqual({ ok: true, value: 'incident' });
    expect(tableOf(pair('sc_req_item', 'Requested Item'), 'RITM1')).toEqual({ ok: true, value: 'sc_req_item' });
    expect(tableOf(bare('Catalog Task'), '')).toEqual({ ok: true, value: 'sc_task' });
    expect(tableOf(bare('Change Request'), 'CHG1')).toEqual({ ok: true, value: 'change_request' });
    expect(tableOf(none, 'RITM0010001')).toEqual({ ok: true, value: 'sc_req_item' });
    expect(tableOf(none, 'SCTASK0010001')).toEqual({ ok: true, value: 'sc_task' });
    expect(tableOf(none, 'REQ0010001')).toEqual({ ok: true, value: 'sc_request' });
    expect(tableOf(none, '')).toEqual({ ok: true, value: 'incident' });
    expect(tableOf(bare('Security Incident'), 'SIR1')).toMatchObject({ ok: false });
  });

  it('tells a display-value record by its labels', () => {
    expect(formOf(bare('7'), bare('1'), bare('incident'))).toBe('raw');
    expect(formOf(bare('Closed'), bare('1'), bare('incident'))).toBe('display');
    expect(formOf(bare('7'), bare('1 - Critical'), none)).toBe('display');
    expect(formOf(none, none, bare('Incident'))).toBe('display');
    expect(formOf(pair('7', 'Closed'), pair('1', '1 - Critical'), pair('incident', 'Incident'))).toBe('raw');
  });
});
