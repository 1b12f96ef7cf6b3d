/** What the imports share: spreadsheet cells as text, problems listed (the file's size limit: shared/api/reportsPayloads.ts). */
import type ExcelJS from 'exceljs';

/** Problems an answer lists: a file with thousands of bad rows would make an answer over 1 MB. */
const PROBLEMS_LISTED = 200;

/** The first problems, and one more saying how many are not listed (from which row on). */
export function problemsListed<T extends { readonly message: string }>(problems: readonly T[]): T[] {
  if (problems.length <= PROBLEMS_LISTED) return [...problems];
  const rest = problems.length - PROBLEMS_LISTED;
  const next = problems[PROBLEMS_LISTED] as T;
  return [
    ...problems.slice(0, PROBLEMS_LISTED),
    { ...next, message: `从这一行起还有${rest}处问题未列出，请先改正以上问题后再导入。` },
  ];
}

/** Spreadsheet cells as text (rich text, formulas' results, numbers). */
export const cellText = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object' && 'text' in v
      ? String(v.text)
      : typeof v === 'object' && 'result' in v
        ? String(v.result)
        : String(v);
