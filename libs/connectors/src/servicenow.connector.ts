import { z } from 'zod';
import { Delivery, EventDraft, ignored, invalid, ParseResult, prefixed } from './connector-types';
import { timestamp } from './payload-fields';
import { DEFAULT_PRIORITY, priorityFromLevel } from './priority-rules';

/**
 * ServiceNow: an incident or request record in the Table API's JSON shape
 * (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI), posted by an
 * outbound REST message or a business rule on insert and update — bare, as `{result: record}`,
 * or as `{record, previous: {state}}` when the business rule also sends the previous state.
 * Values are strings, or `{value, display_value, link}` objects with sysparm_display_value=all.
 */
const field = z
  .union([
    z.string().max(5000),
    z.number(),
    z.object({
      value: z.union([z.string().max(5000), z.number()]).nullish(),
      display_value: z.union([z.string().max(5000), z.number()]).nullish(),
    }),
  ])
  .nullish()
  .transform((f) => {
    if (f === null || f === undefined) return { value: '', display: '' };
    if (typeof f !== 'object') return { value: String(f), display: String(f) };
    return { value: String(f.value ?? ''), display: String(f.display_value ?? f.value ?? '') };
  });
const time = field.transform((f) => f.value).pipe(z.union([z.literal(''), timestamp]));

const record = z.object({
  sys_id: z.string().trim().min(1).max(64),
  number: field,
  sys_class_name: field,
  state: field,
  priority: field,
  short_description: field,
  assignment_group: field,
  reopen_count: field,
  opened_at: time,
  sys_created_on: time,
  sys_updated_on: time,
  resolved_at: time,
  closed_at: time,
});
const previous = z.object({ state: field }).nullish();

/** States per table family: which ones mean "being worked on" and which mean "resolved". */
const STATES: Record<'incident' | 'task', { working: string[]; resolved: string[] }> = {
  incident: { working: ['2', '3'], resolved: ['6', '7'] },
  task: { working: ['2', '-5'], resolved: ['3', '4', '7'] },
};
const TABLES = ['incident', 'sc_request', 'sc_req_item', 'sc_task'];

export function parseServiceNow(delivery: Delivery): ParseResult {
  const body = delivery.body as Record<string, unknown>;
  const shape = 'record' in body ? 'record' : 'result' in body ? 'result' : null;
  const parsed = record.safeParse(shape ? body[shape] : body);
  if (!parsed.success) return invalid(shape ? prefixed(parsed.error, shape) : parsed.error);
  const before = previous.safeParse(body.previous);
  if (!before.success) return invalid(prefixed(before.error, 'previous'));
  const r = parsed.data;
  const previousState = before.data?.state.value ?? null;

  const table = r.sys_class_name.value || 'incident';
  if (!TABLES.includes(table)) return ignored(`ServiceNow "${table}" records do not feed any KPI`);
  const states = STATES[table === 'incident' ? 'incident' : 'task'];
  const updatedAt = r.sys_updated_on || r.sys_created_on || r.opened_at;
  const openedAt = r.opened_at || r.sys_created_on || updatedAt;
  if (!openedAt) return { kind: 'invalid', errors: ['opened_at: a record needs opened_at, sys_created_on or sys_updated_on'] };
  const ticketId = r.number.value || r.sys_id;
  const level = Number(r.priority.value);
  const priority = r.priority.value && Number.isInteger(level) ? (priorityFromLevel(level) ?? DEFAULT_PRIORITY) : DEFAULT_PRIORITY;
  const state = r.state.value;
  const now = updatedAt || openedAt;

  // Every delivery restates the opening; (source, id) makes the copies harmless.
  const drafts: EventDraft[] = [
    {
      type: 'ticket.opened',
      id: `${r.sys_id}-opened`,
      time: openedAt,
      data: { ticketId, priority, title: r.short_description.display.slice(0, 500) || undefined },
    },
  ];
  const reopens = Number(r.reopen_count.value) || 0;
  const resolved = states.resolved.includes(state);
  if (states.working.includes(state) || resolved) {
    // The first time the record is seen worked on (or resolved) is the vendor's first response.
    drafts.push({ type: 'ticket.responded', id: `${r.sys_id}-responded`, time: resolved ? r.resolved_at || now : now, data: { ticketId } });
  }
  if (resolved) {
    const at = r.resolved_at || r.closed_at || now;
    drafts.push({ type: 'ticket.resolved', id: `${r.sys_id}-resolved-${at}`, time: at, data: { ticketId } });
  } else if (previousState && states.resolved.includes(previousState)) {
    drafts.push({ type: 'ticket.reopened', id: `${r.sys_id}-reopened-${reopens || now}`, time: now, data: { ticketId } });
  } else if (reopens > 0) {
    drafts.push({ type: 'ticket.reopened', id: `${r.sys_id}-reopened-${reopens}`, time: now, data: { ticketId } });
  }
  const group = r.assignment_group;
  return {
    kind: 'events',
    source: `servicenow:${table}`,
    sourceKeys: [...new Set([group.display, group.value].filter(Boolean))],
    deliveryId: r.sys_id,
    drafts,
  };
}
