import { z } from 'zod';
import { prioritySchema } from './event-types';
import { PRIORITIES } from './priorities';
import { DIMENSIONS, KPI_KEYS } from './scorecard';

/** Admin input for a contract's policy: SLA targets, KPI targets/floors, weights, calendar. */
export const SERVICE_TYPES = ['infrastructure', 'software_development', 'it_support', 'cybersecurity', 'cloud'] as const;

const minutes = z
  .number()
  .int()
  .positive()
  .max(10 * 365 * 24 * 60);
export const slaSchema = z
  .record(prioritySchema, z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes }))
  .refine((s) => PRIORITIES.every((p) => s[p] !== undefined), { message: 'targets for P1, P2, P3 and P4 are required' });

export const targetsSchema = z.partialRecord(
  z.enum(KPI_KEYS),
  z.object({ target: z.number(), floor: z.number() }).refine((t) => t.target !== t.floor, { message: 'target and floor must differ' }),
);

export const weightsSchema = z.partialRecord(z.enum(DIMENSIONS), z.number().min(0).max(1000));

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');
export const calendarSchema = z.object({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone'),
  /** ISO weekday (1 = Monday .. 7 = Sunday) → working intervals in local time. */
  weeklyHours: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.object({ start: hhmm, end: hhmm }))),
  holidays: z.array(z.iso.date()).default([]),
});

export type SlaPolicyInput = z.infer<typeof slaSchema>;
export type TargetsInput = z.infer<typeof targetsSchema>;
export type WeightsInput = z.infer<typeof weightsSchema>;
export type CalendarInput = z.infer<typeof calendarSchema>;
