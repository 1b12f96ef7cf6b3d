/** The payload of each county action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { text } from './fields';
import { censusBuckets, followUpOutcomes } from '../oversight/census';
import { recordKinds } from '../oversight/recordView';

export const countyPayloads = {
  census: z
    .object({
      township: text(40).nullable().default(null),
      bucket: z.enum(censusBuckets).nullable().default(null),
      offset: z.number().int().min(0).max(1_000_000).default(0),
      /** The list's order: by township (then village and name), by name, or by standing. */
      sort: z.enum(['township', 'name', 'bucket']).default('township'),
      limit: z.number().int().min(10).max(100).default(50),
    })
    .strict(),
  censusFollowUp: z
    .object({
      id: text(60),
      text: text(300).trim().min(2, '请写明联系或劝返的情况'),
      outcome: z.enum(followUpOutcomes).nullable().default(null),
    })
    .strict(),
  dashboard: z.object({}).strict(),
  schoolView: z.object({}).strict(),
  schools: z.object({}).strict(),
  zones: z.object({}).strict(),
  updateZone: z
    .object({
      id: z.string().max(40),
      name: z.string().max(40),
      schoolIds: z.string().max(400),
      communities: z.string().max(4000),
    })
    .strict(),
  overview: z.object({}).strict(),
  setEntryClasses: z
    .object({ schoolId: z.string().max(40), entryClasses: z.number().int().min(1).max(30) })
    .strict(),
  setReviewLevels: z.object({ twoLevel: z.boolean() }).strict(),
  setMissingDocuments: z.object({ until: z.string().max(10).nullable() }).strict(),
  me: z.object({}).strict(),
  record: z
    .object({
      kind: z.enum(recordKinds),
      // Class ids are `<plan>:<index>`, indicator ids `<stage>:<key>`: a colon besides id characters.
      id: z.string().regex(/^[A-Za-z0-9_-]{1,60}(:[A-Za-z0-9_-]{1,40})?$/, '编号格式不正确'),
    })
    .strict(),
};
