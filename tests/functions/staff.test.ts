/**
 * The bureau's schools-and-teachers workbook: download the current records, change them in Excel,
 * import them back. A bad row is reported with its sheet and row and nothing changes; a good
 * workbook updates the schools (receiving places, shortages) and replaces the roster, which the
 * rotation plan then uses.
 */
import ExcelJS from 'exceljs';
import { ADMIN, harnessOpen, PRINCIPAL, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

async function workbook(): Promise<ExcelJS.Workbook> {
  const file = await h.data(ADMIN, 'reports', 'staffExport', {});
  expect(file.fileName).toBe('学校与教师.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(h.download(file) as unknown as ArrayBuffer);
  return book;
}
const base64 = async (book: ExcelJS.Workbook) =>
  Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
const rowOf = (sheet: ExcelJS.Worksheet, id: string) => {
  let found: ExcelJS.Row | null = null;
  sheet.eachRow((r) => {
    if (r.getCell(1).value === id) found = r;
  });
  if (!found) throw new Error(`no row ${id}`);
  return found as ExcelJS.Row;
};

test('only the bureau downloads or imports the staff records', async () => {
  for (const who of [PRINCIPAL, TEACHER]) {
    expect(await h.call(who, 'reports', 'staffExport', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.call(who, 'reports', 'staffImport', { base64: '' })).toMatchObject({ code: 'FORBIDDEN' });
  }
  expect(await h.call(ADMIN, 'reports', 'staffImport', { base64: 'bm90IGEgd29ya2Jvb2s=' })).toMatchObject({
    code: 'INVALID_INPUT',
    message: expect.stringContaining('.xlsx'),
  });
});

test('a bad row is reported with its sheet and row, and nothing changes', async () => {
  const book = await workbook();
  const teachers = book.getWorksheet('教师')!;
  const row = rowOf(teachers, 'p01-t004');
  row.getCell(3).value = '未知';
  const r = await h.data(ADMIN, 'reports', 'staffImport', { base64: await base64(book) });
  expect(r.teachers).toBe(0);
  expect(r.problems).toEqual([{ sheet: '教师', row: row.number, message: '性别应填“男”或“女”。' }]);
  expect((await h.store.getTeacher('p01-t004' as never))?.gender).toBe('F');
});

test('an imported workbook updates places and the roster; the plan uses them', async () => {
  const before = await h.data(ADMIN, 'rotation', 'preview', {
    seed: '2027',
  });
  expect(before.problems.join('')).toContain('初中：接收学校名额不足');
  const book = await workbook();
  // More places at the village junior-middle school, and the demo teacher now breastfeeding.
  rowOf(book.getWorksheet('学校')!, 'j04').getCell(12).value = 12;
  rowOf(book.getWorksheet('教师')!, 'p01-t004').getCell(12).value = '哺乳期';
  const r = await h.data(ADMIN, 'reports', 'staffImport', { base64: await base64(book) });
  expect(r.problems).toEqual([]);
  expect(r.teachers).toBeGreaterThan(200);
  expect((await h.store.getSchool('j04' as never))?.rotationPlaces).toBe(12);
  expect((await h.store.getTeacher('p01-t004' as never))?.status).toEqual({ breastfeeding: true });
  const after = await h.data(ADMIN, 'rotation', 'preview', {
    seed: '2027',
  });
  expect(after.problems).toEqual([]);
  expect(after.moves.some((m) => m.teacherId === 'p01-t004')).toBe(false);
  const mine = await h.data(TEACHER, 'rotation', 'mine', {});
  expect(mine.eligible).toBe(false);
  expect(mine.reasons.at(-1)).toBe('哺乳期（婴儿未满1周岁），暂缓交流');
  expect((await h.store.listAudit('staff')).map((e) => e.action)).toEqual(['staff.import']);
});
