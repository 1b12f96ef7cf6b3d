/** What the imports share: spreadsheet cells as text, the file's size limit. */
import type ExcelJS from 'exceljs';
import * as z from 'zod';
import { base64Length, IMPORT_MAX_BYTES, IMPORT_TOO_BIG } from '../../shared/importLimits';

/** An imported workbook as base64, no larger than a call's request allows (shared/importLimits.ts). */
export const importFileSchema = z.string().max(base64Length(IMPORT_MAX_BYTES), IMPORT_TOO_BIG);

/** Spreadsheet cells as text (rich text, formulas' results, numbers). */
export const cellText = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object' && 'text' in v
      ? String(v.text)
      : typeof v === 'object' && 'result' in v
        ? String(v.result)
        : String(v);
