/** Spreadsheet cells as text (rich text, formulas' results, numbers), shared by the imports. */
import type ExcelJS from 'exceljs';

export const cellText = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object' && 'text' in v
      ? String(v.text)
      : typeof v === 'object' && 'result' in v
        ? String(v.result)
        : String(v);
