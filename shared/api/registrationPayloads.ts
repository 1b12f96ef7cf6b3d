/** The payload of each registration action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { idText, text } from './fields';
import { APPEAL_TEXT_MAX } from '../placement/response';
import { DOCUMENT_MAX_BYTES, documentMimeTypes, documentSlotKeys } from '../registration/documents';
import { draftIdSchema, formSchema } from './registrationForm';
import { reviewReasonCodes } from '../registration/review';
import { registrationStatuses } from '../registration/status';

const idInput = z.object({ id: idText(64) }).strict();

const slotSchema = z.enum(documentSlotKeys as [string, ...string[]]);

export const registrationPayloads = {
  admission: idInput,
  accept: idInput,
  appeal: z
    .object({
      id: idText(64),
      text: text(APPEAL_TEXT_MAX).trim(),
      fileId: text(200).nullable().default(null),
    })
    .strict(),
  appealDocumentLink: idInput,
  capacity: z.object({ schoolId: idText(40).nullable().default(null) }).strict(),
  attachDocument: z.object({ draftId: draftIdSchema, slot: slotSchema, fileId: text(200) }).strict(),
  detachDocument: z.object({ draftId: draftIdSchema, slot: slotSchema }).strict(),
  registerCloudFile: z
    .object({
      fileId: text(200).regex(/^cloud:\/\//),
      sha256: z.string().regex(/^[a-f0-9]{64}$/),
      size: z.number().int().min(1).max(DOCUMENT_MAX_BYTES),
      mime: z.enum(documentMimeTypes),
    })
    .strict(),
  documentLink: z
    .object({
      registrationId: idText(64).nullable().default(null),
      draftId: draftIdSchema.nullable().default(null),
      slot: slotSchema,
    })
    .strict(),
  submit: z
    .object({ draftId: draftIdSchema, form: formSchema, schoolTypeConfirmed: z.literal(true) })
    .strict(),
  resubmit: z
    .object({ id: idText(64), version: z.number().int().min(1), draftId: draftIdSchema, form: formSchema })
    .strict(),
  withdraw: z
    .object({ id: idText(64), version: z.number().int().min(1), reason: text(200).default('') })
    .strict(),
  guidance: z.object({ id: idText(64) }).strict(),
  addDocument: z
    .object({
      id: idText(64),
      version: z.number().int().min(1),
      slot: z.enum(documentSlotKeys as [string, ...string[]]),
      fileId: text(200),
    })
    .strict(),
  context: z.object({}).strict(),
  saveDraft: z.object({ draftId: draftIdSchema, form: formSchema }).strict(),
  getDraft: z.object({ draftId: draftIdSchema }).strict(),
  listMine: z.object({ offset: z.number().int().min(0).max(10_000).default(0) }).strict(),
  get: z.object({ id: idText(64) }).strict(),
  queue: z
    .object({
      status: z.enum(registrationStatuses).nullable().default('pending_review'),
      tier: z.number().int().min(0).max(20).nullable().default(null),
      flag: text(40).nullable().default(null),
      search: text(40).nullable().default(null),
      route: z.enum(['resident', 'migrant']).nullable().default(null),
      offset: z.number().int().min(0).max(100_000).default(0),
    })
    .strict(),
  subscribe: z.object({ accepted: z.boolean() }).strict(),
  notices: z.object({ offset: z.number().int().min(0).max(10_000).default(0) }).strict(),
  retention: z
    .object({
      dryRun: z.boolean().default(true),
      /** Where this step starts, in the year's registrations by id (the last answer's `next`). */
      from: z.number().int().min(0).max(10_000_000).default(0),
    })
    .strict(),
  discardDraft: z.object({ draftId: draftIdSchema }).strict(),
  byChild: z.object({ idNumber: text(24) }).strict(),
  void: z
    .object({ id: idText(64), version: z.number().int().min(1), reason: text(200).default('') })
    .strict(),
  review: z
    .object({
      id: idText(64),
      version: z.number().int().min(1),
      decision: z.enum(['approve', 'reject', 'return']),
      reasonCode: z
        .enum(reviewReasonCodes as [string, ...string[]])
        .nullable()
        .default(null),
      reason: text(200).default(''),
      deadline: text(10).nullable().default(null),
    })
    .strict(),
  bulkApprove: z
    .object({
      items: z
        .array(z.object({ id: idText(64), version: z.number().int().min(1) }).strict())
        .min(1)
        .max(50),
    })
    .strict(),
};
