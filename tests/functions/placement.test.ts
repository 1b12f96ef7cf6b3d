/**
 * The bureau's draw on the demo county: freeze → published hash → dry run → formal run with the
 * public seed (once) → publish; families see their school or 统筹 with the explanation; anyone
 * can replay the formal run from the frozen list and the seed.
 */
import type { FileDownload } from '../../shared/download';
import type { ArrangeView, PageOf, RegistrationView } from '../../shared/api';
import { canonicalHash } from '../../shared/placement/canonical';
import { placementRun } from '../../shared/placement/run';
import type { PlacementInput, PlacementResult } from '../../shared/placement/types';
import type { Notice } from '../../shared/registration/types';
import { communityOf, formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, OTHER_PARENT, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await harnessOpen(NOW);
  // 50 families at the small village school p09 (one class of 45), 3 at p01; all approved.
  const approve = async (id: string, version: number) =>
    h.store.transitionRegistration(id as never, version, {
      from: 'pending_review',
      to: 'approved',
      at: NOW.toISOString(),
      by: { kind: 'system' },
      reason: '测试：审核通过',
    });
  await h.data(ADMIN, 'county', 'setEntryClasses', { schoolId: 'p09', entryClasses: 1 });
  for (let i = 0; i < 50; i++) {
    const r = await h.data<RegistrationView>(PARENT, 'registration', 'submit', {
      draftId: `draft-v${i}`,
      form: formMake({
        schoolId: 'p09',
        community: communityOf('p09'),
        idNumber: idNumberMake('2020-06-06', 100 + i),
      }),
      schoolTypeConfirmed: true,
    });
    await approve(r.id, r.version);
  }
  for (let i = 0; i < 3; i++) {
    const r = await h.data<RegistrationView>(PARENT, 'registration', 'submit', {
      draftId: `draft-t${i}`,
      form: formMake({ idNumber: idNumberMake('2020-06-06', 300 + i) }),
      schoolTypeConfirmed: true,
    });
    await h.data(PRINCIPAL, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' });
  }
});
afterAll(async () => {
  await h.store.close();
});

type Frozen = { id: string; inputHash: string; count: number; file: FileDownload };
type Ran = { id: string; file: FileDownload; placed: number; unplaced: string[]; unplacedCount: number };
const json = <T>(file: FileDownload): T => JSON.parse(h.download(file).toString('utf8')) as T;

test('only the bureau draws; nothing runs before the list is frozen', async () => {
  expect(await h.call(PRINCIPAL, 'placement', 'freeze', { stage: 'primary' })).toMatchObject({
    code: 'FORBIDDEN',
  });
  expect(
    await h.call(ADMIN, 'placement', 'run', { stage: 'primary', seed: '123456', dryRun: false }),
  ).toMatchObject({ code: 'INVALID_TRANSITION' });
});

test('freeze → dry run → formal run once → publish; families see the result and why; anyone can replay it', async () => {
  const frozen = await h.data<Frozen>(ADMIN, 'placement', 'freeze', { stage: 'primary' });
  const input = json<PlacementInput>(frozen.file);
  expect(frozen.count).toBe(53);
  expect(frozen.inputHash).toBe(canonicalHash(input));
  expect(JSON.stringify(input)).not.toMatch(/\d{17}[\dX]/); // no ID numbers in the published list
  expect(await h.call(ADMIN, 'placement', 'freeze', { stage: 'primary' })).toMatchObject({
    code: 'INVALID_TRANSITION',
  });
  // The seats went into the frozen list: neither the school nor the bureau changes them now, and
  // nothing is written (the dashboard and the draw keep agreeing).
  const before = (await h.store.getSchool('p09' as never))?.entryClasses;
  for (const who of [ADMIN, PRINCIPAL]) {
    const schoolId = who === ADMIN ? 'p09' : 'p01';
    const refused = await h.call(who, 'county', 'setEntryClasses', { schoolId, entryClasses: 9 });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(!refused.ok && refused.message).toMatch(
      /^本年度小学一年级报名名单已于.+冻结，学位数已随名单公布，不能再修改/,
    );
  }
  expect((await h.store.getSchool('p09' as never))?.entryClasses).toBe(before);
  // The junior stage is not frozen: its schools still can.
  expect(
    await h.call(ADMIN, 'county', 'setEntryClasses', { schoolId: 'j02', entryClasses: 9 }),
  ).toMatchObject({
    ok: true,
  });

  const dry = await h.data<Ran>(ADMIN, 'placement', 'run', {
    stage: 'primary',
    seed: 'rehearsal',
    dryRun: true,
  });
  expect(dry.id).toMatch(/:dry:/);
  expect(
    await h.call(ADMIN, 'placement', 'run', { stage: 'primary', seed: 'not-digits', dryRun: false }),
  ).toMatchObject({ code: 'INVALID_INPUT' });

  const formal = await h.data<Ran>(ADMIN, 'placement', 'run', {
    stage: 'primary',
    seed: '20270601883712',
    dryRun: false,
  });
  expect(formal.placed).toBe(48);
  expect(formal.unplaced).toHaveLength(5);
  expect(formal.unplacedCount).toBe(5);
  // 统筹 list shown before publishing: the nearest school of the stage with seats left.
  const co = (
    formal as unknown as {
      coordination: { id: string; schoolId: string | null; distanceKm: number | null }[];
    }
  ).coordination;
  expect(co).toHaveLength(5);
  expect(new Set(co.map((c) => c.schoolId))).toEqual(new Set(['p05'])); // 石桥乡中心小学, same township
  expect(co.every((c) => (c.distanceKm ?? 99) < 5)).toBe(true);
  expect(
    await h.call(ADMIN, 'placement', 'run', { stage: 'primary', seed: '99999999', dryRun: false }),
  ).toMatchObject({
    code: 'INVALID_TRANSITION',
    message: '正式派位已经运行过，不能重复运行。',
  });

  // Replaying from the published list and the public seed gives the identical result.
  const replay = placementRun(input, 'da', '20270601883712');
  expect(replay.status === 'ok' && replay.result.runRecord.outputHash).toBe(
    json<PlacementResult>(formal.file).runRecord.outputHash,
  );
  expect(replay.status === 'ok' && replay.result.runRecord.inputHash).toBe(frozen.inputHash);

  expect(await h.data(ADMIN, 'placement', 'publish', { stage: 'primary' })).toEqual({
    done: true,
    next: null,
    total: 53,
    admitted: 48,
    coordinating: 5,
  });
  expect(await h.call(ADMIN, 'placement', 'publish', { stage: 'primary' })).toMatchObject({
    code: 'INVALID_TRANSITION',
  });

  const mine: RegistrationView[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page: PageOf<RegistrationView> = await h.data(PARENT, 'registration', 'listMine', { offset });
    mine.push(...page.items);
    offset = page.next;
  }
  const admitted = mine.filter((r) => r.status === 'admitted');
  const coordinating = mine.filter((r) => r.status === 'coordinating');
  expect([admitted.length, coordinating.length]).toEqual([48, 5]);
  const village = admitted.find((r) => r.schoolId === 'p09')!;
  expect(village.placement).toMatchObject({
    schoolId: 'p09',
    tierLabel: '一类',
    cutoff: { tier: 1, lottery: expect.any(Number) },
  });
  expect(village.placement!.lottery).toBeLessThanOrEqual(village.placement!.cutoff!.lottery);
  expect(village.placement!.explanation).toMatch(
    /^一类，摇号号码 \d+。石桥乡岭下村小学录取至第1类摇号号码 \d+。$/,
  );
  const left = coordinating[0]!;
  expect(left.placement!.lottery).toBeGreaterThan(village.placement!.cutoff!.lottery);
  expect(left.placement!.explanation).toMatch(
    /由教育局统筹安排到石桥乡中心小学（距所报学校约[\d.]+公里，为有空余学位的最近学校）/,
  );
  expect(left.placement!.schoolId).toBe('p05');
  const town = admitted.find((r) => r.schoolId === 'p01')!;
  expect(town.placement!.explanation).toContain('学位充足');

  // The school exports its admitted list for 公示 (IDs masked).
  const ExcelJS = (await import('exceljs')).default;
  const out = await h.data<FileDownload & { rows: number }>(ADMIN, 'reports', 'exportList', {
    list: 'admitted',
    schoolId: 'p09',
  });
  expect(out.fileName).toBe('石桥乡岭下村小学2027年录取名单（公示）.xlsx');
  expect(out.rows).toBe(45);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(h.download(out) as unknown as ArrayBuffer);
  expect(String(book.worksheets[0]!.getRow(3).getCell(5).value)).toMatch(/^\d{4}\*{10}/);

  const inbox = await h.data<PageOf<Notice>>(PARENT, 'registration', 'notices', {});
  // Each result names its child (a family may have several): walk leftover, failed before.
  const results = inbox.items.filter((n) => n.title.endsWith('的录取结果'));
  expect(results.length).toBeGreaterThan(0);
  const names = new Set(admitted.map((r) => r.childName));
  for (const n of results) expect(names.has(n.title.replace(/的录取结果$/, ''))).toBe(true);
});

test('the bureau’s page shows names, not codes; the frozen list and the run record download at any time and verify (#19 item 5)', async () => {
  type Status = {
    freeze: { inputHash: string; count: number };
    final: {
      schools: { id: string; name: string; capacity: number; admitted: number }[];
      coordination: { id: string; name: string; lottery: number; schoolName: string | null }[];
      runRecord: { seed: string };
    };
  };
  const st = await h.data<Status>(ADMIN, 'placement', 'status', { stage: 'primary' });
  expect(st.final.schools.find((x) => x.id === 'p09')?.name).toBe('石桥乡岭下村小学');
  expect(st.final.schools.every((x) => x.name !== x.id)).toBe(true);
  expect(st.final.coordination).toHaveLength(5);
  for (const c of st.final.coordination) {
    expect(c.name).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(c.schoolName).toBe('石桥乡中心小学');
    expect(c.lottery).toBeGreaterThan(0);
  }
  // Long after freezing (and after publishing), the list and the run still download, and verify.
  const json = async <T>(action: string): Promise<T> =>
    JSON.parse(
      h
        .download(await h.data<FileDownload>(ADMIN, 'placement', action, { stage: 'primary' }))
        .toString('utf8'),
    ) as T;
  const list = await json<PlacementInput>('frozenList');
  expect(canonicalHash(list)).toBe(st.freeze.inputHash);
  const run = await json<PlacementResult>('finalRun');
  const { drawVerify } = await import('../../shared/placement/verify');
  expect(drawVerify(run, list, st.final.runRecord.seed)).toMatchObject({ ok: true, children: 53 });
  expect(await h.call(ADMIN, 'placement', 'frozenList', { stage: 'junior' })).toMatchObject({
    code: 'NOT_FOUND',
  });
  expect(await h.call(PRINCIPAL, 'placement', 'frozenList', { stage: 'primary' })).toMatchObject({
    code: 'FORBIDDEN',
  });
});

describe('after publishing: the admission page, accepting, and review (复核)', () => {
  type Admission = {
    schoolName: string | null;
    reportDateLabel: string;
    bring: string[];
    appealClosesOn: string;
    canAccept: boolean;
    canAppeal: boolean;
    acceptedAt: string | null;
    appeal: null | {
      state: string;
      text: string;
      hasDocument: boolean;
      answer: null | { outcome: string; outcomeLabel: string; text: string };
    };
  };
  const mineByStatus = async (status: string) => {
    const out: RegistrationView[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const page: PageOf<RegistrationView> = await h.data(PARENT, 'registration', 'listMine', { offset });
      out.push(...page.items.filter((r) => r.status === status));
      offset = page.next;
    }
    return out;
  };
  const at = (iso: string) => {
    h.now = new Date(iso);
  };
  afterEach(() => at(NOW.toISOString()));

  test('the family reads school, report date, what to bring and the review deadline; nobody else can', async () => {
    const [child] = await mineByStatus('admitted');
    const a = await h.data<Admission>(PARENT, 'registration', 'admission', { id: child!.id });
    expect(a).toMatchObject({
      reportDateLabel: '2027年8月28日',
      appealClosesOn: '2027-05-15', // published 2027-05-10 (CST) + 5 days
      canAccept: true,
      canAppeal: true,
      acceptedAt: null,
      appeal: null,
    });
    expect(a.schoolName).toBeTruthy();
    expect(a.bring).toContain('儿童预防接种证');
    expect(await h.call(OTHER_PARENT, 'registration', 'admission', { id: child!.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await h.call(PRINCIPAL, 'registration', 'admission', { id: child!.id })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  test('a review request: checked, one per child, blocks accepting until answered; the bureau answers once', async () => {
    const [, child] = await mineByStatus('admitted');
    const id = child!.id;
    expect(await h.call(PARENT, 'registration', 'appeal', { id, text: '不对' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('至少写10个字'),
    });
    await h.store.putFile({
      id: 'f-other',
      ownerOpenid: OTHER_PARENT as never,
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      size: 10,
      createdAt: NOW.toISOString(),
    });
    const reason = '我家房产证地址在学区内，摇号号码应在录取范围内，请复核。';
    expect(
      await h.call(PARENT, 'registration', 'appeal', { id, text: reason, fileId: 'f-other' }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.data<Admission>(PARENT, 'registration', 'admission', { id })).appeal).toBeNull();
    await h.store.putFile({
      id: 'f-mine',
      ownerOpenid: PARENT as never,
      sha256: 'b'.repeat(64),
      mime: 'image/jpeg',
      size: 10,
      createdAt: NOW.toISOString(),
    });
    at('2027-05-12T03:00:00Z');
    const sent = await h.data<Admission>(PARENT, 'registration', 'appeal', {
      id,
      text: reason,
      fileId: 'f-mine',
    });
    expect(sent.appeal).toMatchObject({ state: 'open', text: reason, hasDocument: true, answer: null });
    expect(sent.canAccept).toBe(false);
    expect(await h.call(PARENT, 'registration', 'accept', { id })).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '您的复核申请正在处理，请等待答复后再确认。',
    });
    expect(await h.call(PARENT, 'registration', 'appeal', { id, text: reason })).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '每名儿童只能申请一次复核。',
    });
    // The attachment opens for the family and the bureau only.
    expect(await h.data(ADMIN, 'registration', 'appealDocumentLink', { id })).toMatchObject({
      mime: 'image/jpeg',
    });
    expect(await h.call(OTHER_PARENT, 'registration', 'appealDocumentLink', { id })).toMatchObject({
      code: 'NOT_FOUND',
    });

    expect(await h.call(PRINCIPAL, 'placement', 'appeals', {})).toMatchObject({ code: 'FORBIDDEN' });
    const open = await h.data<{ items: { id: string; text: string; childName: string }[] }>(
      ADMIN,
      'placement',
      'appeals',
      { state: 'open' },
    );
    expect(open.items.map((x) => x.id)).toEqual([id]);
    expect(open.items[0]).toMatchObject({ text: reason, childName: child!.childName });
    expect(
      await h.call(PARENT, 'placement', 'appealAnswer', { id, outcome: 'upheld', text: '自己答复' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    await h.data(ADMIN, 'placement', 'appealAnswer', {
      id,
      outcome: 'dismissed',
      text: '经核实，该儿童为二类，录取顺序无误，维持原结果。',
    });
    expect(
      await h.call(ADMIN, 'placement', 'appealAnswer', { id, outcome: 'upheld', text: '改判' }),
    ).toMatchObject({ code: 'INVALID_TRANSITION' });
    const inbox = await h.data<PageOf<Notice>>(PARENT, 'registration', 'notices', {});
    expect(inbox.items[0]).toMatchObject({
      title: '复核答复',
      body: expect.stringContaining('维持原结果'),
    });
    const after = await h.data<Admission>(PARENT, 'registration', 'admission', { id });
    expect(after.appeal).toMatchObject({ state: 'answered', answer: { outcome: 'dismissed' } });
    expect(after.canAccept).toBe(true);
    const accepted = await h.data<Admission>(PARENT, 'registration', 'accept', { id });
    expect(accepted.acceptedAt).toBe('2027-05-12T03:00:00.000Z');
    expect(await h.call(PARENT, 'registration', 'accept', { id })).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect((await h.store.listAudit(`registration:${id}`)).map((e) => e.action)).toEqual([
      'registration.submit',
      'admission.appeal',
      'admission.appealAnswer',
      'admission.accept',
    ]);
  });

  test('the review window closes on its last day; after accepting no review; 统筹 children may ask but not accept', async () => {
    const [, , c3, c4] = await mineByStatus('admitted');
    const reason = '孩子有兄姐在该校就读，请核实是否应优先录取。';
    await h.data(PARENT, 'registration', 'accept', { id: c3!.id });
    expect(await h.call(PARENT, 'registration', 'appeal', { id: c3!.id, text: reason })).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '您已经确认接受学位，不能再申请复核。',
    });
    at('2027-05-15T15:59:00Z'); // 23:59 CST on the last day
    expect((await h.data<Admission>(PARENT, 'registration', 'admission', { id: c4!.id })).canAppeal).toBe(
      true,
    );
    at('2027-05-15T16:00:00Z'); // 00:00 CST the next day
    expect(await h.call(PARENT, 'registration', 'appeal', { id: c4!.id, text: reason })).toMatchObject({
      code: 'OUT_OF_WINDOW',
      message: '复核申请已于2027年5月15日截止。',
    });
    at(NOW.toISOString());
    const [co] = await mineByStatus('coordinating');
    const page = await h.data<Admission>(PARENT, 'registration', 'admission', { id: co!.id });
    expect([page.canAccept, page.canAppeal]).toEqual([false, true]);
    expect(await h.call(PARENT, 'registration', 'accept', { id: co!.id })).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  test('the bureau sets the report date, what to bring and the window; bad dates are refused with nothing changed', async () => {
    const before = await h.data(ADMIN, 'placement', 'noticeSettings', {});
    expect(
      await h.call(ADMIN, 'placement', 'setNotice', {
        reportDate: { primary: '2027-02-30', junior: '2027-08-27' },
        bring: ['户口簿'],
        appealDays: 7,
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('报到日期') });
    expect(await h.data(ADMIN, 'placement', 'noticeSettings', {})).toEqual(before);
    expect(
      await h.call(PRINCIPAL, 'placement', 'setNotice', {
        reportDate: { primary: '2027-08-30', junior: '2027-08-27' },
        bring: ['户口簿'],
        appealDays: 7,
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    await h.data(ADMIN, 'placement', 'setNotice', {
      reportDate: { primary: '2027-08-30', junior: '2027-08-27' },
      bring: ['户口簿', '接种证'],
      appealDays: 7,
    });
    const [child] = await mineByStatus('admitted');
    expect(await h.data(PARENT, 'registration', 'admission', { id: child!.id })).toMatchObject({
      reportDateLabel: '2027年8月30日',
      bring: ['户口簿', '接种证'],
      appealClosesOn: '2027-05-17',
    });
  });
});

describe('统筹安排 after publishing: the children left without a seat and late approvals get one', () => {
  type Arrange = ArrangeView;
  const list = (stage: 'primary' | 'junior') => h.data<Arrange>(ADMIN, 'placement', 'arrangeList', { stage });
  const reason = '家长来局说明，就近安排到有空余学位的中心小学。';

  test('who waits, each school’s seats left, and who may see it', async () => {
    expect(await list('junior')).toMatchObject({ published: false, children: [] });
    const l = await list('primary');
    expect(l.published).toBe(true);
    expect([l.total, l.offset, l.children.length]).toEqual([5, 0, 5]);
    const co = l.children.filter((c) => c.status === 'coordinating');
    expect(co).toHaveLength(5);
    expect(co.every((c) => c.suggestedSchoolId === 'p05' && c.statusLabel === '统筹中')).toBe(true);
    expect(co.every((c) => /^\d{4}\*{10}/.test(c.idNumber))).toBe(true);
    expect(l.schools.find((s) => s.id === 'p09')).toMatchObject({ seats: 45, admitted: 45, left: 0 });
    expect(l.schools.every((s) => s.id.startsWith('p'))).toBe(true);
    // One figure everywhere: seats and admitted as the dashboard shows them.
    const dash = await h.data<{ schools: { schoolId: string; seats: number; admitted: number }[] }>(
      ADMIN,
      'county',
      'dashboard',
      {},
    );
    for (const x of l.schools)
      expect(dash.schools.find((d) => d.schoolId === x.id)).toMatchObject({
        seats: x.seats,
        admitted: x.admitted,
      });
    for (const who of [PRINCIPAL, PARENT])
      expect(await h.call(who, 'placement', 'arrangeList', { stage: 'primary' })).toMatchObject({
        code: 'FORBIDDEN',
      });
  });

  test('a 统筹中 child gets a seat at a school with seats left; a full school, another stage, a short reason or an old version are refused with nothing changed', async () => {
    const before = await list('primary');
    const child = before.children.find((c) => c.status === 'coordinating')!;
    const p05 = before.schools.find((s) => s.id === 'p05')!;
    const base = { registrationId: child.registrationId, version: child.version, schoolId: 'p05', reason };
    expect(await h.call(ADMIN, 'placement', 'arrange', { ...base, schoolId: 'p09' })).toMatchObject({
      code: 'NO_SEATS',
      message: '石桥乡岭下村小学已没有空余学位，请选择其他学校。',
    });
    expect(await h.call(ADMIN, 'placement', 'arrange', { ...base, schoolId: 'j01' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await h.call(ADMIN, 'placement', 'arrange', { ...base, reason: '安排' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('至少4个字'),
    });
    expect(
      await h.call(ADMIN, 'placement', 'arrange', { ...base, version: child.version + 1 }),
    ).toMatchObject({
      code: 'STALE_VERSION',
    });
    expect(await h.call(PRINCIPAL, 'placement', 'arrange', base)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await list('primary')).toEqual(before);

    expect(await h.data(ADMIN, 'placement', 'arrange', base)).toEqual({
      schoolId: 'p05',
      schoolName: '石桥乡中心小学',
    });
    const after = await list('primary');
    expect(after.children.map((c) => c.registrationId)).not.toContain(child.registrationId);
    expect(after.schools.find((s) => s.id === 'p05')).toMatchObject({
      admitted: p05.admitted + 1,
      left: p05.left - 1,
    });
    const r = await h.data<RegistrationView>(PARENT, 'registration', 'get', { id: child.registrationId });
    expect(r.status).toBe('admitted');
    expect(r.placement).toMatchObject({
      schoolId: 'p05',
      explanation: `由教育局统筹安排到石桥乡中心小学：${reason}`,
    });
    const admission = await h.data<{ schoolName: string; canAccept: boolean }>(
      PARENT,
      'registration',
      'admission',
      {
        id: child.registrationId,
      },
    );
    expect(admission).toMatchObject({ schoolName: '石桥乡中心小学', canAccept: true });
    const inbox: Notice[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const page: PageOf<Notice> = await h.data(PARENT, 'registration', 'notices', { offset });
      inbox.push(...page.items);
      offset = page.next;
    }
    const told = inbox.find((n) => n.title === '学位已统筹安排')?.body;
    expect(told).toContain('请于2027年8月30日到校报到');
    expect(told).not.toContain('。。');

    const audit = await h.store.listAudit(`registration:${child.registrationId}`);
    expect(audit.map((a) => a.action)).toContain('placement.arrange');
    // Once arranged, not again.
    expect(await h.call(ADMIN, 'placement', 'arrange', { ...base, version: r.version })).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  test('a child approved after the results were published is listed and placed, its history saying so', async () => {
    const late = await h.data<RegistrationView>(PARENT, 'registration', 'submit', {
      draftId: 'draft-late',
      form: formMake({ idNumber: idNumberMake('2020-06-06', 400) }),
      schoolTypeConfirmed: true,
    });
    const approved = await h.data<RegistrationView>(PRINCIPAL, 'registration', 'review', {
      id: late.id,
      version: late.version,
      decision: 'approve',
    });
    const waiting = (await list('primary')).children.find((c) => c.registrationId === late.id);
    expect(waiting).toMatchObject({ status: 'approved', statusLabel: '审核通过', suggestedSchoolId: null });
    await h.data(ADMIN, 'placement', 'arrange', {
      registrationId: late.id,
      version: approved.version,
      schoolId: 'p05',
      reason,
    });
    const r = await h.data<RegistrationView>(PARENT, 'registration', 'get', { id: late.id });
    expect(r.status).toBe('admitted');
    expect(r.history.slice(-2).map((x) => x.to)).toEqual(['awaiting_placement', 'admitted']);
    expect(r.history.at(-2)?.reason).toBe('派位结果公布后审核通过，由教育局统筹安排学位');
  });
});
