/**
 * 控辍保学 roster imports never lose a child or a follow-up (issue 19, items 1 and 2):
 * - an import merges by identity number: a partial list adds and updates, keeps every child it
 *   does not list and every follow-up (the recorded 已劝返入学 note survives);
 * - replacing the roster is separate: a preview names who would be taken off, the replace needs
 *   that exact confirmation, and each child taken off is in the audit log with the whole record;
 * - the template has exactly the import's columns; the export can be imported back unchanged;
 *   columns are found by header text (any order); a sheet whose headers do not match is refused
 *   with the expected headers named.
 */
import ExcelJS from 'exceljs';
import type { FileDownload } from '../../shared/download';
import { censusTableHeader } from '../../shared/oversight/census';
import { ADMIN, harnessOpen, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const header = ['身份证号', '姓名', '乡镇', '村（社区）', '监护人', '联系电话', '类别'];
async function book(rows: string[][], head: readonly string[] = header): Promise<string> {
  const b = new ExcelJS.Workbook();
  const s = b.addWorksheet('名册');
  s.addRow([...head]);
  for (const r of rows) s.addRow(r);
  return Buffer.from(await b.xlsx.writeBuffer()).toString('base64');
}
const ids = Array.from({ length: 5 }, (_, i) => idNumberMake('2020-03-03', 301 + 2 * i));
const child = (i: number, township = '石桥乡', guardian = '赵强') => [
  ids[i]!,
  `儿童${'甲乙丙丁戊'[i]}`,
  township,
  '岭下村',
  guardian,
  '13900001111',
  i === 0 ? '留守儿童' : '',
];

type Item = {
  id: string;
  name: string;
  township: string;
  followUps: { text: string; outcome: string | null }[];
};
type Census = { total: number; items: Item[]; next: number | null };
const roster = async (): Promise<Item[]> => {
  const out: Item[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page: Census = await h.data<Census>(ADMIN, 'county', 'census', { offset });
    out.push(...page.items);
    offset = page.next;
  }
  return out;
};
const byName = async () => Object.fromEntries((await roster()).map((x) => [x.name, x]));

test('an import of a partial list merges: new children added, changed fields updated, no one removed, follow-ups kept', async () => {
  const first = await h.data(ADMIN, 'reports', 'censusImport', {
    base64: await book([child(0), child(1), child(2)]),
  });
  expect(first).toMatchObject({ rows: 3, added: 3, updated: 0, unchanged: 0, kept: 0, problems: [] });
  const jia = (await byName())['儿童甲']!;
  await h.data(ADMIN, 'county', 'censusFollowUp', {
    id: jia.id,
    text: '入户走访，孩子已回校上课',
    outcome: '已劝返入学',
  });

  // A partial list: 甲 with a new guardian, a new child 丁; 乙 and 丙 not listed.
  const partial = await h.data(ADMIN, 'reports', 'censusImport', {
    base64: await book([child(0, '石桥乡', '赵刚'), child(3)]),
  });
  expect(partial).toMatchObject({ rows: 2, added: 1, updated: 1, unchanged: 0, kept: 2, problems: [] });
  const now = await byName();
  expect(Object.keys(now).sort()).toEqual(['儿童丁', '儿童丙', '儿童乙', '儿童甲']);
  expect(now['儿童甲']!.followUps).toEqual([
    expect.objectContaining({ text: '入户走访，孩子已回校上课', outcome: '已劝返入学' }),
  ]);
  const audit = await h.store.listAudit('census:2027');
  expect(audit.map((a) => a.action)).toEqual(['census.import', 'census.import']);
});

test('replacing the roster: the preview names who would be removed; only that confirmation removes them, each audited', async () => {
  const sheet = await book([child(0), child(3), child(4)]);
  expect(
    await h.call(ADMIN, 'reports', 'censusReplace', { base64: sheet, confirm: '0'.repeat(64) }),
  ).toMatchObject({
    ok: false,
    code: 'STALE_VERSION',
  });
  expect(Object.keys(await byName())).toHaveLength(4);

  const preview = await h.data<{
    preview: {
      added: number;
      removed: { id: string; name: string; idMasked: string; followUps: number }[];
      confirm: string;
    };
  }>(ADMIN, 'reports', 'censusReplacePreview', { base64: sheet });
  expect(preview.preview.added).toBe(1);
  expect(preview.preview.removed.map((r) => r.name).sort()).toEqual(['儿童丙', '儿童乙']);
  expect(preview.preview.removed[0]!.idMasked).toContain('*');
  expect(Object.keys(await byName())).toHaveLength(4); // a preview changes nothing

  const done = await h.data(ADMIN, 'reports', 'censusReplace', {
    base64: sheet,
    confirm: preview.preview.confirm,
  });
  expect(done).toMatchObject({ added: 1, removed: 2, problems: [] });
  const now = await byName();
  expect(Object.keys(now).sort()).toEqual(['儿童丁', '儿童戊', '儿童甲']);
  expect(now['儿童甲']!.followUps).toHaveLength(1);
  for (const r of preview.preview.removed) {
    const entries = await h.store.listAudit(`census:${r.id}`);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'census.remove',
        detail: expect.objectContaining({ record: expect.objectContaining({ id: r.id }) }),
      }),
    ]);
  }
  expect(await h.call(PRINCIPAL, 'reports', 'censusReplacePreview', { base64: sheet })).toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('the template has exactly the import’s columns and imports back', async () => {
  const t = await h.data<FileDownload>(ADMIN, 'reports', 'censusTemplate', {});
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(h.download(t) as unknown as ArrayBuffer);
  const first = b.worksheets[0]!;
  expect((first.getRow(1).values as unknown[]).slice(1)).toEqual([...censusTableHeader]);
  expect(first.rowCount).toBe(1);
  first.addRow(child(1));
  const filled = Buffer.from(await b.xlsx.writeBuffer()).toString('base64');
  expect(await h.data(ADMIN, 'reports', 'censusImport', { base64: filled })).toMatchObject({
    rows: 1,
    added: 1,
    problems: [],
  });
});

test('the export imports back with nothing changed, and columns in any order are read by their headers', async () => {
  const file = await h.data<FileDownload>(ADMIN, 'reports', 'censusExport', {});
  const before = await roster();
  const base64 = h.download(file).toString('base64');
  expect(await h.data(ADMIN, 'reports', 'censusImport', { base64 })).toMatchObject({
    rows: before.length,
    added: 0,
    updated: 0,
    unchanged: before.length,
    problems: [],
  });
  expect(await roster()).toEqual(before);

  // The same child with the columns shuffled (and 村/社区 spelled differently): nothing changes.
  const shuffled = ['姓名', '类别', '乡镇', '身份证号', '联系电话', '监护人', '村/社区'];
  const row = child(3);
  const r = await h.data(ADMIN, 'reports', 'censusImport', {
    base64: await book([[row[1]!, row[6]!, row[2]!, row[0]!, row[5]!, row[4]!, row[3]!]], shuffled),
  });
  expect(r).toMatchObject({ rows: 1, added: 0, updated: 0, unchanged: 1 });
});

test('a sheet whose headers do not match is refused naming the expected headers; nothing changes', async () => {
  const before = await roster();
  // No 乡镇 (required: the 入学率 is counted by township).
  const r = await h.call(ADMIN, 'reports', 'censusImport', {
    base64: await book(
      [[ids[4]!, '儿童戊', '岭下村', '', '']],
      ['身份证号', '姓名', '村（社区）', '类别', '状态'],
    ),
  });
  expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  if (!r.ok) {
    expect(r.message).toContain('缺少“乡镇”列');
    expect(r.message).toContain(censusTableHeader.join('、'));
  }
  const positional = await h.call(ADMIN, 'reports', 'censusImport', {
    base64: await book([child(4)], ['A', 'B', 'C', 'D', 'E', 'F', 'G']),
  });
  expect(positional).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await roster()).toEqual(before);
});

test('the optional columns (村、监护人、电话、类别) may be left out: a known child keeps what the roster has for them', async () => {
  const id = idNumberMake('2020-04-04', 411);
  await h.data(ADMIN, 'reports', 'censusImport', {
    base64: await book([[id, '儿童己', '石桥乡', '岭下村', '钱梅', '13900002222', '留守儿童']]),
  });
  // Only the three required columns, with a new township: it is updated, nothing else is blanked.
  const r = await h.data(ADMIN, 'reports', 'censusImport', {
    base64: await book([[id, '儿童己', '云岭乡']], ['身份证号', '姓名', '乡镇']),
  });
  expect(r).toMatchObject({ rows: 1, added: 0, updated: 1, problems: [] });
  const stored = (await h.store.censusAll(2027)).find((x) => x.child.idNumber === id);
  expect(stored?.child).toMatchObject({
    township: '云岭乡',
    village: '岭下村',
    guardian: '钱梅',
    phone: '13900002222',
    groups: ['留守儿童'],
  });
  // The old export's layout (no 监护人, 联系电话; 状态 and 跟踪记录 beside) reads by header too.
  const oldExport = ['身份证号', '姓名', '乡镇', '村（社区）', '类别', '状态', '跟踪记录'];
  expect(
    await h.data(ADMIN, 'reports', 'censusImport', {
      base64: await book([[id, '儿童己', '云岭乡', '岭下村', '留守儿童', '未报名', '']], oldExport),
    }),
  ).toMatchObject({ rows: 1, updated: 0, unchanged: 1 });
});
