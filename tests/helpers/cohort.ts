/** A class-split cohort as a school fills it in Excel (the classing import's columns). */
import ExcelJS from 'exceljs';
import { cohortTableHeader } from '../../shared/classing/cohortTable';

/** `n` students with spread scores, alternating boys and girls, every sixth 留守. */
export function cohortRows(n: number, prefix = '学生'): (string | number)[][] {
  return Array.from({ length: n }, (_, i) => [
    String(100 + i),
    `${prefix}${i}`,
    i % 2 ? '女' : '男',
    60 + ((i * 7) % 40),
    55 + ((i * 11) % 45),
    50 + ((i * 13) % 50),
    i % 6 === 0 ? '留守' : '',
    '',
    '',
    '',
  ]);
}

export async function cohortBook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('学生名单');
  sheet.addRow([...cohortTableHeader]);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}
