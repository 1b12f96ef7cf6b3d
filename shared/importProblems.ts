/**
 * What a spreadsheet import found wrong, as every import answers it and every import page shows
 * it: a problem on a row (of a named sheet, when the workbook has several), or a line about the
 * whole table (the class-split cohort's checks across rows). An import with problems saves
 * nothing; the answer lists them so the officer can fix the file and import it again.
 */

/** A problem on one row; `row` counts as the spreadsheet shows it (the header is row 1). */
export interface SheetRowProblem {
  /** The sheet's name, when the workbook has more than one (the staff workbook: 学校, 教师). */
  readonly sheet?: string;
  readonly row: number;
  readonly message: string;
}

/** A row's problem, or a sentence about the table that already says where (or needs no row). */
export type ImportProblem = SheetRowProblem | string;

/** Problems an answer lists: a file with thousands of bad rows would make an answer over 1 MB. */
export const IMPORT_PROBLEMS_LISTED = 200;

/**
 * The first problems, and one more saying how many are not listed: on a row problem it names the
 * row the rest start from; a sentence list gets a sentence.
 */
export function importProblemsListed<T extends ImportProblem>(problems: readonly T[]): T[] {
  if (problems.length <= IMPORT_PROBLEMS_LISTED) return [...problems];
  const rest = problems.length - IMPORT_PROBLEMS_LISTED;
  const next = problems[IMPORT_PROBLEMS_LISTED] as T;
  const more: ImportProblem =
    typeof next === 'string'
      ? `还有${rest}处问题未列出，请先改正以上问题后再导入。`
      : { ...next, message: `从这一行起还有${rest}处问题未列出，请先改正以上问题后再导入。` };
  return [...problems.slice(0, IMPORT_PROBLEMS_LISTED), more as T];
}

/** A problem as the page shows it: `第3行：…`, or `教师表第3行：…` in a workbook of several sheets. */
export function importProblemText(p: ImportProblem): string {
  if (typeof p === 'string') return p;
  return `${p.sheet ? `${p.sheet}表` : ''}第${p.row}行：${p.message}`;
}

/** What an import page says when the file has problems (nothing was imported). */
export const importProblemsSummary = (what: string, count: number): string =>
  `${what}有 ${count} 处需要修改，本次没有导入任何内容。`;
