import { passwordProblem } from '@rapport/config';
import { z } from 'zod';

/** A new password: at least 12 characters, not a common one, not easy to guess (libs/config/src/secret-strength.ts). */
export const newPasswordSchema = z
  .string()
  .max(200)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
