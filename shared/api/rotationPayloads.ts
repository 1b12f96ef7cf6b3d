/** The payload of each rotation action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { idText, text } from './fields';
import type { RotationSettings } from '../rotation/eligibility';
import { rotationSettingRules } from '../rotation/eligibility';

export const seedSchema = text(32).regex(/^[0-9A-Za-z-]+$/);

export const adjustmentsSchema = z
  .array(z.object({ teacherId: idText(40), to: idText(40).nullable() }).strict())
  .max(500)
  .default([]);

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const rotationRuleKeys = Object.keys(rotationSettingRules) as (keyof RotationSettings)[];

/** The rotation rules as the bureau enters them: whole numbers, shares in per cent. */
const rulesSchema = z
  .object(
    Object.fromEntries(
      rotationRuleKeys.map((k) => [k, z.number({ error: `${rotationSettingRules[k].label}应为数字` })]),
    ) as Record<keyof RotationSettings, z.ZodNumber>,
  )
  .strict();

const planSchema = z
  .object({ seed: seedSchema.nullable().default(null), adjustments: adjustmentsSchema })
  .strict();

const publishSchema = z
  .object({
    seed: seedSchema.nullable().default(null),
    adjustments: adjustmentsSchema,
    /** The 公示's first day (CST), today or later; today when absent. */
    publicityFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')
      .nullable()
      .default(null),
    /**
     * Publishing a plan that breaks rules: every broken rule acknowledged (as the preview listed
     * them) and the reason; without it such a plan is refused.
     */
    override: z
      .object({
        acknowledged: z.array(text(120)).max(500),
        reason: text(500).trim().min(10, '请写明带问题公示的理由，至少10个字'),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export const rotationPayloads = {
  preview: planSchema,
  publish: publishSchema,
  record: z.object({}).strict(),
  answer: z
    .object({
      teacherId: idText(40),
      upheld: z.boolean(),
      text: text(500).trim().min(1),
      acknowledged: z.boolean().default(false),
    })
    .strict(),
  finalise: z.object({}).strict(),
  rules: z.object({}).strict(),
  setRules: rulesSchema,
  school: z.object({}).strict(),
  nominate: z
    .object({
      teacherId: idText(40),
      kind: z.enum(['self', 'school']),
      note: text(200).trim().min(1, '请写明申请或推荐理由'),
    })
    .strict(),
  unnominate: z.object({ teacherId: idText(40) }).strict(),
  schoolPublicity: z
    .object({ note: text(200).trim().min(1, '请写明公示的地点和方式'), from: dateSchema, to: dateSchema })
    .strict(),
  mine: z.object({}).strict(),
  acknowledge: z.object({}).strict(),
  object: z.object({ text: text(500).trim() }).strict(),
  report: z.object({}).strict(),
  subscribe: z.object({ accepted: z.boolean() }).strict(),
};
