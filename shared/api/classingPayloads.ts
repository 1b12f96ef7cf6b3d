/** The payload of each classing action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { idText, text } from './fields';
import { allowedGroups } from '../classing/cohortTable';
import { latePlacements } from '../classing/plan';

const schoolInput = { schoolId: idText(40).nullable().default(null) };

export const classingPayloads = {
  plan: z.object(schoolInput).strict(),
  useAdmitted: z.object({ version: z.number().int().min(0) }).strict(),
  run: z
    .object({
      version: z.number().int().min(0),
      classes: z.number().int().min(1).max(60),
      cap: z.number().int().min(1).max(100),
      seed: text(32).regex(/^[0-9A-Za-z-]+$/),
    })
    .strict(),
  swap: z.object({ version: z.number().int().min(1), a: text(64), b: text(64), apply: z.boolean() }).strict(),
  homeroom: z
    .object({
      version: z.number().int().min(1),
      teacherIds: z.array(text(40)).max(60),
      seed: text(32).regex(/^[0-9A-Za-z-]+$/),
    })
    .strict(),
  late: z
    .object({
      version: z.number().int().min(1),
      student: z
        .object({
          id: idText(40).min(1),
          name: text(20).trim().min(1),
          gender: z.enum(['M', 'F']),
          groups: z.array(z.enum(allowedGroups)).max(5).default([]),
        })
        .strict(),
      placement: z.enum(latePlacements).default('balance'),
    })
    .strict(),
  publish: z.object({ version: z.number().int().min(1) }).strict(),
};
