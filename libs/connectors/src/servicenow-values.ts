import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { Priority } from '@rapport/contracts';
import { DEFAULT_PRIORITY, priorityFromLevel, priorityFromName } from './priority-rules';

/**
 * ServiceNow's two value forms (Table API `sysparm_display_value`, KB0534905):
 * - raw values: choice codes (`state: "7"`, `priority: "1"`), table names
 *   (`sys_class_name: "incident"`), sys_ids, times `YYYY-MM-DD hh:mm:ss` in UTC;
 * - display values: labels (`"Closed"`, `"1 - Critical"`, `"Incident"`), group names, and
 *   times in the time zone of the user the instance sends as (ServiceNow stores UTC and
 *   converts for display only).
 * A field is a bare string in either form, or a `{value, display_value}` pair
 * (`sysparm_display_value=all`), where `value` is raw. How these settle what the docs leave open:
 * a record whose state, priority or class is a label is read as a display-value record, so its
 * bare times are local; pairs always use their raw `value`; a label or time that cannot be read
 * is reported with a reason (the delivery is quarantined), never guessed.
 */
const scalar = z.union([z.string().max(5000), z.number()]);
export const field = z
  .union([scalar, z.object({ value: scalar.nullish(), display_value: scalar.nullish() })])
  .nullish()
  .transform((f): Field => {
    if (f === null || f === undefined) return { raw: null, display: null };
    if (typeof f !== 'object') return { raw: null, display: null, bare: String(f).trim() };
    const raw = f.value === null || f.value === undefined ? null : String(f.value).trim();
    const display = f.display_value === null || f.display_value === undefined ? null : String(f.display_value).trim();
    return { raw: raw || null, display: display || null };
  });

/** A field as sent: a pair's raw and display parts, or a bare string whose form the record decides. */
export interface Field {
  raw: string | null;
  display: string | null;
  bare?: string;
}

export type Form = 'raw' | 'display';
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

const anyPart = (f: Field): string => f.bare || f.raw || f.display || '';

/** A display-value record: one of its choice or class fields is a bare label rather than a code. */
export function formOf(state: Field, priority: Field, sysClass: Field): Form {
  const label = (f: Field, code: RegExp) => !!f.bare && !code.test(f.bare);
  return label(state, /^-?\d+$/) || label(priority, /^\d+$/) || label(sysClass, /^[a-z0-9_]+$/) ? 'display' : 'raw';
}

export type Family = 'incident' | 'task';
export const TABLES: Record<string, Family> = { incident: 'incident', sc_request: 'task', sc_req_item: 'task', sc_task: 'task' };
const CLASS_LABELS: Record<string, string> = {
  incident: 'incident',
  request: 'sc_request',
  'requested item': 'sc_req_item',
  'catalog task': 'sc_task',
  // Known classes that carry no ticket: read, then ignored like their raw names.
  'change request': 'change_request',
  'change task': 'change_task',
  problem: 'problem',
  'problem task': 'problem_task',
};
/** Number prefixes of the base system, for records that do not say their class. */
const PREFIXES: [RegExp, string][] = [
  [/^INC/i, 'incident'],
  [/^RITM/i, 'sc_req_item'],
  [/^SCTASK/i, 'sc_task'],
  [/^REQ/i, 'sc_request'],
];

/** The record's table: a raw name, a class label, the number's prefix, or `incident`. */
export function tableOf(sysClass: Field, number: string): Read<string> {
  const raw = sysClass.raw ?? sysClass.bare;
  if (raw && /^[a-z0-9_]+$/.test(raw)) return ok(raw);
  const label = sysClass.bare || sysClass.display;
  if (label) {
    const table = CLASS_LABELS[label.toLowerCase()];
    return table
      ? ok(table)
      : fail(`sys_class_name "${label}" is not a class label Rapport knows (Incident, Request, Requested Item, Catalog Task)`);
  }
  return ok(PREFIXES.find(([prefix]) => prefix.test(number))?.[1] ?? 'incident');
}

export type Phase = 'new' | 'working' | 'resolved' | 'other';
/** Base-system states: incident (1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled) and task. */
const STATE_CODES: Record<Family, Record<string, Phase>> = {
  incident: { '1': 'new', '2': 'working', '3': 'working', '6': 'resolved', '7': 'resolved', '8': 'other' },
  task: { '-5': 'working', '1': 'new', '2': 'working', '3': 'resolved', '4': 'resolved', '7': 'resolved' },
};
const STATE_LABELS: Record<Family, Record<string, Phase>> = {
  incident: {
    new: 'new',
    'in progress': 'working',
    'on hold': 'working',
    resolved: 'resolved',
    closed: 'resolved',
    canceled: 'other',
    cancelled: 'other',
  },
  task: {
    open: 'new',
    new: 'new',
    draft: 'new',
    pending: 'working',
    'work in progress': 'working',
    'closed complete': 'resolved',
    'closed incomplete': 'resolved',
    'closed skipped': 'resolved',
    closed: 'resolved',
    resolved: 'resolved',
  },
};

/** A state: a code (unknown codes are custom states, neither worked on nor resolved) or a base-system label. */
export function phaseOf(state: Field, family: Family, name = 'state'): Read<Phase | null> {
  const code = state.raw ?? (state.bare && /^-?\d+$/.test(state.bare) ? state.bare : null);
  if (code) return ok(STATE_CODES[family][code] ?? 'other');
  const label = state.bare || state.display;
  if (!label) return ok(null);
  const phase = STATE_LABELS[family][label.toLowerCase()];
  return phase ? ok(phase) : fail(`${name} "${label}" is not a state label Rapport knows for ${family} records`);
}

/** A priority: a code 1–5, a label "1 - Critical", a bare "Critical"; none is P3. */
export function priorityOf(priority: Field): Read<Priority> {
  const text = priority.raw ?? priority.display ?? priority.bare ?? '';
  if (!text) return ok(DEFAULT_PRIORITY);
  const level = /^([1-9])(?:\s*-\s*\S.*)?$/.exec(text);
  const found = level ? priorityFromLevel(Number(level[1])) : priorityFromName(text);
  return found ? ok(found) : fail(`priority "${text}" is neither a priority code nor a label Rapport knows`);
}

const SERVICENOW_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SERVICENOW_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** Why a time zone cannot be used, or null if it can. */
export const timeZoneProblem = (zone: string): string | null =>
  IANAZone.isValidZone(zone) ? null : `"${zone}" is not an IANA time zone (e.g. America/Los_Angeles)`;

/**
 * A time as an ISO instant: raw values are UTC; display values are in `zone`. A time with an
 * explicit offset is taken as it is. Empty gives null. Needs a zone only for a local display time.
 */
export function timeOf(f: Field, form: Form, zone: string | null, name: string): Read<string | null> & { needsTimeZone?: boolean } {
  const raw = f.bare ? (form === 'raw' ? f.bare : null) : f.raw;
  const text = raw ?? (f.bare || f.display);
  if (!text) return ok(null);
  let time: DateTime;
  if (SERVICENOW_TIME.test(text)) {
    const at = raw ? 'UTC' : zone;
    if (!at) {
      return {
        ok: false,
        needsTimeZone: true,
        reason: `${name} "${text}" is a display value in the sending user's time zone, and none is known: send the X-ServiceNow-Time-Zone header or set the mapping rule's timeZone`,
      };
    }
    time = DateTime.fromFormat(text, SERVICENOW_FORMAT, { zone: at });
  } else {
    // ISO 8601 with an offset or Z (a script's own formatting, an export tool): an instant as it is.
    time = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? DateTime.fromISO(text, { setZone: true }) : DateTime.invalid('no offset');
  }
  if (!time.isValid || time.year < 1970 || time.year > 9999) {
    return fail(`${name} "${text.slice(0, 100)}" is not a time in ServiceNow's format YYYY-MM-DD hh:mm:ss (or ISO 8601 with an offset)`);
  }
  return ok(time.toUTC().toISO());
}

/** The value shown for a key (assignment group name, number): display or raw, whichever exists. */
export const textOf = (f: Field): string => anyPart(f);
