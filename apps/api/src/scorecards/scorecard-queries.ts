import { WINDOWS, WindowName } from '@rapport/contracts';
import { z } from 'zod';
import { boundedInstant } from '../security/input-bounds';

/** The query parameters of the scorecard routes, one definition for all of them. */
export const windowName = z.enum(Object.keys(WINDOWS) as [WindowName, ...WindowName[]]).default('30d');
/** `?window=&at=`: a scorecard evaluated at an instant (default now). */
export const evaluationSchema = z.object({ window: windowName, at: boundedInstant.optional() });
export type Evaluation = z.infer<typeof evaluationSchema>;

/** The instant a scorecard is evaluated at: the one asked for, or now. */
export const evaluatedAt = (q: Evaluation): Date => q.at ?? new Date();
