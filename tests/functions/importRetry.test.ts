/**
 * Every spreadsheet import is a state change its contract marks so (shared/api/reports.ts): the
 * page sends it with a retry key, and a retry after a lost reply — which can arrive after the
 * officer or someone else changed the same records — gets the first answer back and changes
 * nothing: no second audit entry, no older file imported over the newer state (issue 20, item 5).
 */
import ExcelJS from 'exceljs';
import type { AnswerOf } from '../../shared/api/functions';
import { cohortBook, cohortRows } from '../helpers/cohort';
import { ADMIN, harnessOpen, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

let h: Harness;
beforeAll(async () => {
  h = await harnessOpen(new Date('2027-05-10T02:00:00Z'));
});
afterAll(async () => {
  await h.store.close();
});

const base64 = async (book: ExcelJS.Workbook) =>
  Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
const bookOf = async (file: Parameters<Harness['download']>[0]) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(h.download(file) as unknown as ArrayBuffer);
  return book;
};
const audited = async (entity: string, action: string) =>
  (await h.store.listAudit(entity)).filter((e) => e.action === action).length;

test('a retried zone import answers as the first and does not put back a zone edited since', async () => {
  const book = await bookOf(await h.data(ADMIN, 'reports', 'zonesExport', {}));
  const event = { action: 'zonesImport', payload: { base64: await base64(book) }, requestId: 'req-zones-1' };
  const first = await h.event<AnswerOf<'reports', 'zonesImport'>>(ADMIN, 'reports', event);
  expect(first).toMatchObject({ ok: true, data: { problems: [] } });
  const zone = (await h.store.listZones())[0]!;
  await h.data(ADMIN, 'county', 'updateZone', {
    id: zone.id,
    name: '改名后的学区',
    schoolIds: zone.schoolIds.join('、'),
    communities: zone.communities.join('、'),
  });
  const audits = await audited('zones', 'zones.import');
  // The reply was lost; the page sends the same request again.
  expect(await h.event(ADMIN, 'reports', event)).toEqual(first);
  expect((await h.store.listZones()).find((z) => z.id === zone.id)?.name).toBe('改名后的学区');
  expect(await audited('zones', 'zones.import')).toBe(audits);
});

test('a retried staff import answers as the first and does not put back a teacher changed since', async () => {
  const book = await bookOf(await h.data(ADMIN, 'reports', 'staffExport', {}));
  const event = { action: 'staffImport', payload: { base64: await base64(book) }, requestId: 'req-staff-1' };
  const first = await h.event<AnswerOf<'reports', 'staffImport'>>(ADMIN, 'reports', event);
  expect(first).toMatchObject({ ok: true, data: { problems: [] } });
  const [teacher, ...others] = await h.store.listTeachers();
  await h.store.replaceTeachers([{ ...teacher!, name: '改名后的教师' }, ...others]);
  const audits = await audited('staff', 'staff.import');
  expect(await h.event(ADMIN, 'reports', event)).toEqual(first);
  expect((await h.store.getTeacher(teacher!.id))?.name).toBe('改名后的教师');
  expect(await audited('staff', 'staff.import')).toBe(audits);
});

test('a retried cohort import answers as the first, though the plan moved on to the admitted list', async () => {
  const plan = async () => await h.data(PRINCIPAL, 'classing', 'plan', {});
  const before = await plan();
  const event = {
    action: 'classingImport',
    payload: {
      version: before.version,
      base64: (await cohortBook(cohortRows(30, '重试'))).toString('base64'),
    },
    requestId: 'req-cohort-1',
  };
  const first = await h.event<AnswerOf<'reports', 'classingImport'>>(PRINCIPAL, 'reports', event);
  expect(first).toEqual({ ok: true, data: { imported: 30, problems: [] } });
  const admitted = await h.data(PRINCIPAL, 'classing', 'useAdmitted', { version: (await plan()).version });
  const entity = `classing:${before.id}`;
  const audits = await audited(entity, 'classing.import');
  expect(await h.event(PRINCIPAL, 'reports', event)).toEqual(first);
  expect(await plan()).toMatchObject({ version: admitted.version, source: 'admitted' });
  expect(await audited(entity, 'classing.import')).toBe(audits);
});

const header = ['身份证号', '姓名', '乡镇', '村（社区）', '监护人', '联系电话', '类别'];
const ids = Array.from({ length: 3 }, (_, i) => idNumberMake('2020-04-04', 501 + 2 * i));
const child = (i: number, village = '岭下村') => [ids[i]!, `重试儿童${i}`, '石桥乡', village, '', '', ''];
async function roster(rows: string[][]): Promise<string> {
  const b = new ExcelJS.Workbook();
  const s = b.addWorksheet('名册');
  s.addRow(header);
  for (const r of rows) s.addRow(r);
  return base64(b);
}
const villageOf = async (name: string) => {
  const all = await h.store.censusAll(2027);
  return all.find((r) => r.child.name === name)?.child.village;
};

test('a retried roster import answers as the first and does not undo a later import', async () => {
  const event = {
    action: 'censusImport',
    payload: { base64: await roster([child(0), child(1)]) },
    requestId: 'req-census-1',
  };
  const first = await h.event<AnswerOf<'reports', 'censusImport'>>(ADMIN, 'reports', event);
  expect(first).toMatchObject({ ok: true, data: { added: 2, problems: [] } });
  await h.data(ADMIN, 'reports', 'censusImport', { base64: await roster([child(0, '新村')]) });
  const audits = await audited('census:2027', 'census.import');
  expect(await h.event(ADMIN, 'reports', event)).toEqual(first);
  expect(await villageOf('重试儿童0')).toBe('新村');
  expect(await audited('census:2027', 'census.import')).toBe(audits);
});

test('a retried roster replacement answers as the first and does not take off a child added since', async () => {
  const sheet = await roster([child(0), child(1)]);
  const preview = await h.data(ADMIN, 'reports', 'censusReplacePreview', { base64: sheet });
  const event = {
    action: 'censusReplace',
    payload: { base64: sheet, confirm: preview.preview!.confirm },
    requestId: 'req-census-replace-1',
  };
  const first = await h.event<AnswerOf<'reports', 'censusReplace'>>(ADMIN, 'reports', event);
  expect(first).toMatchObject({ ok: true, data: { problems: [] } });
  await h.data(ADMIN, 'reports', 'censusImport', { base64: await roster([child(2)]) });
  const removals = (await h.store.censusAll(2027)).length;
  expect(await h.event(ADMIN, 'reports', event)).toEqual(first);
  expect(await villageOf('重试儿童2')).toBe('岭下村');
  expect((await h.store.censusAll(2027)).length).toBe(removals);
});
