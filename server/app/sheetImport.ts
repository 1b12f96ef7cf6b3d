/**
 * Reading an imported spreadsheet, once for every import (the census roster, the class-split
 * cohort, the staff workbook, the zone table): the file as a workbook or the import's own "cannot
 * read" message, a sheet's header, its data rows as text with blank rows kept so each row keeps
 * the number the spreadsheet shows (the shared/ parsers report problems by it), and the problems
 * listed within what an answer may carry. Only the reports function imports this (exceljs adds
 * megabytes to a bundle).
 */
import ExcelJS from 'exceljs';
import { fail, type Fail } from '../../shared/errors';
import { importProblemsListed, type ImportProblem } from '../../shared/importProblems';

/** A spreadsheet cell as text (rich text, a formula's result, numbers and dates as written). */
export const cellText = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object' && 'text' in v
      ? String(v.text)
      : typeof v === 'object' && 'result' in v
        ? String(v.result)
        : String(v);

/** The workbook a page sent (base64), or `unreadable` (which says what file the import wants). */
export async function workbookOpen(base64: string, unreadable: string): Promise<ExcelJS.Workbook | Fail> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    return fail('INVALID_INPUT', unreadable);
  }
  return book;
}

/** The first sheet of a workbook that has one. */
export function sheetFirst(book: ExcelJS.Workbook): ExcelJS.Worksheet | Fail {
  return book.worksheets[0] ?? fail('INVALID_INPUT', '表格中没有工作表。');
}

/** A sheet's header (row 1) as text, at least one cell. */
export function sheetHeader(sheet: ExcelJS.Worksheet): string[] {
  const row = sheet.getRow(1);
  return Array.from({ length: Math.max(row.cellCount, 1) }, (_, i) => cellText(row.getCell(i + 1).value));
}

/**
 * A sheet's data rows (below the header) as text, `width` cells each, optionally rearranged by
 * `pick`; row n of the sheet is element n − 2, a blank or missing row an empty one.
 */
export function sheetRows(
  sheet: ExcelJS.Worksheet,
  width: number,
  pick: (cells: string[]) => string[] = (cells) => cells,
): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    if (n === 1) return;
    rows[n - 2] = pick(Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value)));
  });
  return Array.from(rows, (r) => r ?? []);
}

/** The first sheet's data rows, `width` cells each (the imports of one fixed-column sheet). */
export async function sheetTableRead(
  base64: string,
  width: number,
  unreadable: string,
): Promise<string[][] | Fail> {
  const book = await workbookOpen(base64, unreadable);
  if ('code' in book) return book;
  const sheet = sheetFirst(book);
  if ('code' in sheet) return sheet;
  return sheetRows(sheet, width);
}

/**
 * The answer of an import that found problems: nothing imported (every count `zero`), the
 * problems listed within an answer's size.
 */
export const importRefused = <Z extends object, P extends ImportProblem>(
  zero: Z,
  problems: readonly P[],
): Z & { problems: P[] } => ({ ...zero, problems: importProblemsListed(problems) });
