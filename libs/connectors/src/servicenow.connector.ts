import { z } from 'zod';
import { Delivery, DeliveryOrigin, EventDraft, ignored, invalid, ParseResult, prefixed, ReadSettings } from './connector-types';
import {
  field,
  Field,
  Form,
  formOf,
  Phase,
  phaseOf,
  priorityOf,
  TABLES,
  tableOf,
  textOf,
  timeOf,
  timeZoneProblem,
} from './servicenow-values';

/**
 * ServiceNow: an incident or request record in the Table API's JSON shape
 * (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI), posted by an
 * outbound REST message, a business rule or a flow on insert and update, in one of these shapes:
 * - the record bare, or `{result: record}` (a Table API response);
 * - `{result: [record, …]}` (a Table API list: split into one delivery per record by parseDeliveries);
 * - `{record, previous: {state}}` (a business rule sending `previous.state` too);
 * - `{sys_id, table, operation, number, old_values, new_values, updated_on}` (a business rule
 *   sending what changed: only changed fields are in old_values; events come from transitions).
 * Values may be raw, display or `{value, display_value}` pairs (servicenow-values.ts).
 */
const record = z.object({
  sys_id: field,
  number: field,
  sys_class_name: field,
  state: field,
  incident_state: field,
  priority: field,
  short_description: field,
  assignment_group: field,
  reopen_count: field,
  opened_at: field,
  sys_created_on: field,
  sys_updated_on: field,
  resolved_at: field,
  closed_at: field,
});
type RecordFields = z.infer<typeof record>;
const previousSchema = z.object({ state: field, incident_state: field }).nullish();
const changeSchema = z.object({
  sys_id: field,
  number: field,
  table: field,
  operation: z.string().max(50).nullish(),
  updated_on: field,
  old_values: z.record(z.string(), z.unknown()).nullish(),
  new_values: z.record(z.string(), z.unknown()),
});

/** The header naming the time zone of display-value times (docs/connectors.md). */
export const SERVICENOW_TIME_ZONE_HEADER = 'x-servicenow-time-zone';

interface Shape {
  fields: RecordFields;
  previousState: Field | null;
  /** "snapshot": the record as it is now; "transition": only what changed is an event. */
  mode: 'snapshot' | 'transition';
  inserted: boolean;
}

export function parseServiceNow(delivery: Delivery, settings: ReadSettings = {}): ParseResult {
  const body = delivery.body as Record<string, unknown>;
  if (Array.isArray(body.result) && body.result.length === 0) return ignored('an empty ServiceNow list holds no record');
  const shape = shapeOf(body);
  if ('errors' in shape) return shape.errors;
  const r = shape.fields;
  const sysId = textOf(r.sys_id);
  if (!sysId || sysId.length > 64)
    return { kind: 'invalid', errors: [`${shape.at}sys_id: a record needs its sys_id (at most 64 characters)`] };
  const number = textOf(r.number);
  const group = r.assignment_group;
  const table = tableOf(r.sys_class_name, number);
  const origin: DeliveryOrigin = {
    source: `servicenow:${table.ok ? table.value : 'record'}`,
    sourceKeys: [...new Set([group.display, group.bare, group.raw].filter((k): k is string => !!k))],
    deliveryId: sysId,
  };
  const unreadable = (reason: string, needsTimeZone = false): ParseResult => ({ kind: 'unreadable', ...origin, reason, needsTimeZone });
  if (!table.ok) return unreadable(table.reason);
  const family = TABLES[table.value];
  if (!family) return ignored(`ServiceNow "${table.value}" records do not feed any KPI`);

  const header = delivery.headers[SERVICENOW_TIME_ZONE_HEADER]?.trim();
  const zone = header || settings.timeZone || null;
  const problem = zone ? timeZoneProblem(zone) : null;
  if (problem) return unreadable(`${header ? 'X-ServiceNow-Time-Zone' : "the mapping rule's timeZone"}: ${problem}`);
  const form: Form = formOf(r.state, r.priority, r.sys_class_name);
  const times: Record<string, string | null> = {};
  for (const name of ['opened_at', 'sys_created_on', 'sys_updated_on', 'resolved_at', 'closed_at'] as const) {
    const read = timeOf(r[name], form, zone, name);
    if (!read.ok) return unreadable(read.reason, !!read.needsTimeZone);
    times[name] = read.value;
  }
  const stateField = r.state.raw || r.state.display || r.state.bare ? r.state : r.incident_state;
  const phase = phaseOf(stateField, family);
  const before = phaseOf(shape.previousState ?? { raw: null, display: null }, family, 'previous state');
  const priority = priorityOf(r.priority);
  if (!phase.ok) return unreadable(phase.reason);
  if (!before.ok) return unreadable(before.reason);
  if (!priority.ok) return unreadable(priority.reason);

  const ticketId = number || sysId;
  const now = times.sys_updated_on || times.sys_created_on || times.opened_at;
  const openedAt = times.opened_at || times.sys_created_on || (shape.inserted ? now : null);
  const drafts: EventDraft[] = [];
  if (openedAt) {
    // Every snapshot restates the opening; (source, id) makes the copies harmless.
    const title = textOf(r.short_description).slice(0, 500) || undefined;
    drafts.push({ type: 'ticket.opened', id: `${sysId}-opened`, time: openedAt, data: { ticketId, priority: priority.value, title } });
  } else if (shape.mode === 'snapshot') {
    return unreadable('the record has none of opened_at, sys_created_on, sys_updated_on');
  }
  if (!now) return unreadable('the record has no time (opened_at, sys_created_on, sys_updated_on or updated_on)');
  const changed = shape.mode === 'snapshot' || (before.value !== null && before.value !== phase.value);
  if (changed) drafts.push(...stateEvents(sysId, ticketId, phase.value, before.value, Number(textOf(r.reopen_count)) || 0, now, times));
  if (!drafts.length) return ignored(`this update of ${ticketId} changes neither its state nor anything else Rapport measures`);
  return { kind: 'events', ...origin, drafts };
}

/** Events of the record's state, seen now (snapshot) or just changed (transition). */
function stateEvents(
  sysId: string,
  ticketId: string,
  phase: Phase | null,
  before: Phase | null,
  reopens: number,
  now: string,
  times: Record<string, string | null>,
): EventDraft[] {
  const drafts: EventDraft[] = [];
  const resolved = phase === 'resolved';
  if (phase === 'working' || resolved) {
    // The first time the record is seen worked on (or resolved) is the vendor's first response.
    drafts.push({
      type: 'ticket.responded',
      id: `${sysId}-responded`,
      time: resolved ? times.resolved_at || now : now,
      data: { ticketId },
    });
  }
  if (resolved) {
    const at = times.resolved_at || times.closed_at || now;
    drafts.push({ type: 'ticket.resolved', id: `${sysId}-resolved-${at}`, time: at, data: { ticketId } });
  } else if (before === 'resolved') {
    drafts.push({ type: 'ticket.reopened', id: `${sysId}-reopened-${reopens || now}`, time: now, data: { ticketId } });
  } else if (reopens > 0) {
    drafts.push({ type: 'ticket.reopened', id: `${sysId}-reopened-${reopens}`, time: now, data: { ticketId } });
  }
  return drafts;
}

/** The record, its previous state and how to read it, from whichever shape the body has. */
function shapeOf(body: Record<string, unknown>): (Shape & { at: string }) | { errors: ParseResult } {
  if ('new_values' in body) {
    const change = changeSchema.safeParse(body);
    if (!change.success) return { errors: invalid(change.error) };
    const c = change.data;
    const values = record.safeParse(c.new_values);
    if (!values.success) return { errors: invalid(prefixed(values.error, 'new_values')) };
    const old = previousSchema.safeParse(c.old_values ?? {});
    if (!old.success) return { errors: invalid(prefixed(old.error, 'old_values')) };
    const fields: RecordFields = { ...values.data };
    if (textOf(c.sys_id)) fields.sys_id = c.sys_id;
    if (textOf(c.number)) fields.number = c.number;
    if (textOf(c.table)) fields.sys_class_name = c.table;
    if (textOf(c.updated_on)) fields.sys_updated_on = c.updated_on;
    const oldValues = c.old_values ?? {};
    const previousState =
      'state' in oldValues ? (old.data?.state ?? null) : 'incident_state' in oldValues ? (old.data?.incident_state ?? null) : null;
    const inserted = (c.operation ?? '').toLowerCase() === 'insert';
    return { fields, previousState, mode: inserted ? 'snapshot' : 'transition', inserted, at: '' };
  }
  const at = 'record' in body ? 'record' : 'result' in body ? 'result' : null;
  if (at === 'result' && Array.isArray(body.result)) {
    return { errors: { kind: 'invalid', errors: ['result: a list of records is read one record at a time (parseDeliveries)'] } };
  }
  const parsed = record.safeParse(at ? body[at] : body);
  if (!parsed.success) return { errors: invalid(at ? prefixed(parsed.error, at) : parsed.error) };
  const previous = previousSchema.safeParse(body.previous);
  if (!previous.success) return { errors: invalid(prefixed(previous.error, 'previous')) };
  const p = previous.data;
  const previousState = p ? (p.state.raw || p.state.display || p.state.bare ? p.state : p.incident_state) : null;
  return { fields: parsed.data, previousState, mode: 'snapshot', inserted: false, at: at ? `${at}.` : '' };
}
