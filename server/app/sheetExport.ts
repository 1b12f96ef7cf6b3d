/**
 * Writing a workbook for download, once for every export and template: a sheet with its header
 * in bold, its rows, its column widths and the columns kept as text (identity numbers: a number
 * format would lose the last digits and the X), and the finished workbook handed out as a file
 * (inline on the local host, a temporary link in WeChat). Only the reports function imports this.
 */
import type ExcelJS from 'exceljs';
import type { FileDownload } from '../../shared/download';
import type { FnContext } from '../runtime/context';
import { downloadOf } from '../runtime/files';

export interface SheetLayout {
  /** Each column's width in characters (columns past the list keep Excel's default). */
  readonly widths?: readonly number[];
  /** Columns (1 = the first) whose cells are text whatever they hold. */
  readonly textColumns?: readonly number[];
}

/** A sheet added to `book`: the header (bold), then the rows. */
export function sheetAdd(
  book: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: Iterable<readonly ExcelJS.CellValue[]>,
  layout: SheetLayout = {},
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name);
  sheet.addRow([...header]);
  for (const c of layout.textColumns ?? []) sheet.getColumn(c).numFmt = '@';
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  const widths = layout.widths;
  if (widths)
    sheet.columns.forEach((c, i) => {
      const w = widths[i];
      if (w !== undefined) c.width = w;
    });
  return sheet;
}

/** The workbook as a file the page can save. */
export const workbookDownload = async (
  ctx: FnContext,
  fileName: string,
  book: ExcelJS.Workbook,
): Promise<FileDownload> => downloadOf(ctx, fileName, Buffer.from(await book.xlsx.writeBuffer()));
