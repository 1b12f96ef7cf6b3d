/** The payload of each auth action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { idText, text } from './fields';

export const authPayloads = {
  whoami: z.object({}).strict(),
  createInvite: z
    .object({
      role: z.enum(['teacher', 'reviewer', 'principal', 'bureau']),
      schoolId: idText(40).nullable().default(null),
      teacherId: idText(40).nullable().default(null),
      displayName: text(40).min(1),
      validDays: z.number().int().min(1).max(30).default(7),
    })
    .strict(),
  redeemInvite: z.object({ code: text(32) }).strict(),
};
