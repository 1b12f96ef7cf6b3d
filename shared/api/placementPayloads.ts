/** The payload of each placement action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { idText, text } from './fields';
import { appealOutcomes } from '../placement/response';

export const stageSchema = z.enum(['primary', 'junior']);

const dateText = text(10).regex(/^\d{4}-\d{2}-\d{2}$/);

export const placementPayloads = {
  noticeSettings: z.object({}).strict(),
  setNotice: z
    .object({
      reportDate: z.object({ primary: dateText, junior: dateText }).strict(),
      bring: z.array(text(40).trim().min(1)).min(1).max(12),
      appealDays: z.number().int().min(1).max(30),
      /** When the draw and the publication happen (told to families waiting for them). */
      placementDates: z
        .object({
          primary: z.object({ draw: dateText, publish: dateText }).strict(),
          junior: z.object({ draw: dateText, publish: dateText }).strict(),
        })
        .strict()
        .optional(),
      hotline: text(30).trim().optional(),
    })
    .strict(),
  appeals: z
    .object({
      state: z.enum(['open', 'answered']).nullable().default('open'),
      offset: z.number().int().min(0).max(100_000).default(0),
    })
    .strict(),
  appealAnswer: z
    .object({ id: idText(64), outcome: z.enum(appealOutcomes), text: text(500).trim().min(1) })
    .strict(),
  status: z.object({ stage: stageSchema }).strict(),
  frozenList: z.object({ stage: stageSchema }).strict(),
  finalRun: z.object({ stage: stageSchema }).strict(),
  freeze: z.object({ stage: stageSchema }).strict(),
  run: z.object({ stage: stageSchema, seed: text(64).min(1), dryRun: z.boolean() }).strict(),
  publish: z
    .object({ stage: stageSchema, from: z.number().int().min(0).max(10_000_000).default(0) })
    .strict(),
  arrangeList: z
    .object({ stage: stageSchema, offset: z.number().int().min(0).max(10_000_000).default(0) })
    .strict(),
  arrange: z
    .object({
      registrationId: idText(64),
      version: z.number().int().min(0),
      schoolId: idText(64),
      reason: text(200).trim().min(4, '请写明统筹安排的理由，至少4个字'),
    })
    .strict(),
};
