/** The payload of each reports action, as the server validates it (strict: unknown keys are refused). */
import * as z from 'zod';
import { idText, text } from './fields';
import { base64Length, IMPORT_MAX_BYTES, IMPORT_TOO_BIG } from '../importLimits';

/** An imported workbook as base64, no larger than a call's request allows (shared/importLimits.ts). */
export const importFileSchema = z.string().max(base64Length(IMPORT_MAX_BYTES), IMPORT_TOO_BIG);

const fileSchema = importFileSchema;

export const reportsPayloads = {
  censusImport: z.object({ base64: fileSchema }).strict(),
  censusReplacePreview: z.object({ base64: fileSchema }).strict(),
  censusReplace: z
    .object({ base64: fileSchema, confirm: z.string().regex(/^[0-9a-f]{64}$/, '确认信息不正确') })
    .strict(),
  censusTemplate: z.object({}).strict(),
  censusExport: z.object({}).strict(),
  classingTemplate: z.object({}).strict(),
  classingImport: z
    .object({
      version: z.number().int().min(0),
      base64: importFileSchema,
    })
    .strict(),
  classingExport: z.object({ schoolId: idText(40).nullable().default(null) }).strict(),
  exportList: z
    .object({
      schoolId: idText(40).nullable().default(null),
      list: z.enum(['approved', 'admitted', 'all']),
      /** Bureau only: full ID numbers for 学籍, with the reason recorded. */
      fullIdReason: text(200).nullable().default(null),
    })
    .strict(),
  oversightExport: z.object({}).strict(),
  staffExport: z.object({}).strict(),
  staffImport: z.object({ base64: importFileSchema }).strict(),
  zonesExport: z.object({}).strict(),
  zonesImport: z.object({ base64: importFileSchema }).strict(),
};
