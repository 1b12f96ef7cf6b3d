/**
 * 控辍保学 through the functions: the bureau imports the census roster from Excel (a bad row is
 * reported and nothing is saved), sees each child's standing against the registrations with the
 * per-township 入学率, records follow-ups that survive a re-import, and exports the roster (the
 * import's columns, so it can be imported back; the download is audited) with a township summary.
 */
import ExcelJS from 'exceljs';
import { formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

let h: Harness;
const registered = idNumberMake('2020-04-02', 11);
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
  await h.data(PARENT, 'registration', 'submit', {
    draftId: 'draft-census',
    form: formMake({ idNumber: registered }, '2020-04-02'),
    schoolTypeConfirmed: true,
  });
});
afterAll(async () => {
  await h.store.close();
});

async function book(rows: string[][]): Promise<string> {
  const b = new ExcelJS.Workbook();
  const s = b.addWorksheet('名册');
  s.addRow(['身份证号', '姓名', '乡镇', '村（社区）', '监护人', '联系电话', '类别']);
  for (const r of rows) s.addRow(r);
  return Buffer.from(await b.xlsx.writeBuffer()).toString('base64');
}
const child = (id: string, name: string, township: string, group = '') => [
  id,
  name,
  township,
  '和平社区',
  '王强',
  '13812345678',
  group,
];
const notRegistered = idNumberMake('2020-05-05', 21);

test('only the bureau; a bad row is reported with its row and nothing is saved', async () => {
  expect(await h.call(PRINCIPAL, 'reports', 'censusImport', { base64: '' })).toMatchObject({
    code: 'FORBIDDEN',
  });
  const bad = await h.data(ADMIN, 'reports', 'censusImport', {
    base64: await book([child(registered, '王小明', '城关镇'), child('123', '无效', '城关镇')]),
  });
  expect(bad.rows).toBe(0);
  expect(bad.problems).toEqual([{ row: 3, message: '身份证号码应为18位，您输入了3位。' }]);
  expect((await h.data(ADMIN, 'county', 'census', {})).total).toBe(0);
});

test('standing per child and per township; follow-ups survive a re-import; the export is the roster with standings', async () => {
  const rows = [
    child(registered, '王小明', '城关镇'),
    child(notRegistered, '李小花', '城关镇', '留守儿童'),
    child(idNumberMake('2020-06-06', 31), '张小虎', '石桥乡'),
  ];
  expect(await h.data(ADMIN, 'reports', 'censusImport', { base64: await book(rows) })).toMatchObject({
    rows: 3,
    added: 3,
    problems: [],
  });
  const c = await h.data(ADMIN, 'county', 'census', {});
  expect(Object.fromEntries(c.items.map((x) => [x.name, x.bucket]))).toEqual({
    王小明: 'not_placed',
    李小花: 'not_registered',
    张小虎: 'not_registered',
  });
  expect(c.townships.find((t) => t.township === '城关镇')).toMatchObject({
    children: 2,
    counts: { not_registered: 1, not_placed: 1 },
  });
  const missing = await h.data(ADMIN, 'county', 'census', {
    township: '城关镇',
    bucket: 'not_registered',
  });
  expect(missing.items.map((x) => x.name)).toEqual(['李小花']);
  expect(missing.items[0]!.idMasked).not.toContain(notRegistered.slice(6, 14));

  const id = missing.items[0]!.id;
  expect(await h.call(ADMIN, 'county', 'censusFollowUp', { id, text: '' })).toMatchObject({
    code: 'INVALID_INPUT',
  });
  await h.data(ADMIN, 'county', 'censusFollowUp', {
    id,
    text: '电话联系母亲，已随父母在外地就读',
    outcome: '已在外地就读',
  });
  expect(await h.data(ADMIN, 'reports', 'censusImport', { base64: await book(rows) })).toMatchObject({
    rows: 3,
    unchanged: 3,
  });
  const again = await h.data(ADMIN, 'county', 'census', {
    bucket: 'not_registered',
    township: '城关镇',
  });
  expect(again.items[0]!.followUps.map((f) => f.text)).toEqual(['电话联系母亲，已随父母在外地就读']);

  const file = await h.data(ADMIN, 'reports', 'censusExport', {});
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(h.download(file) as unknown as ArrayBuffer);
  expect(b.worksheets.map((w) => w.name)).toEqual(['适龄儿童名册', '乡镇汇总']);
  const cells: string[] = [];
  b.worksheets[0]!.eachRow((r) => r.eachCell((x) => cells.push(String(x.value))));
  expect(cells.join('|')).toContain(notRegistered);
  expect(cells.join('|')).toContain('已在外地就读');
  expect((await h.store.listAudit('census:2027')).map((a) => a.action)).toContain('census.export');
  const sum: string[] = [];
  b.worksheets[1]!.eachRow((r) => sum.push((r.values as unknown[]).slice(1).join(',')));
  expect(sum).toContain('城关镇,2,1,1,0,0,0.0%');
});
