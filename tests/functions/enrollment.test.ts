/**
 * Enrollment beyond the first journey: tiers and flags at submit, 一房一学位 with the sibling
 * exemption, return for more material → fix → approve, withdrawal, bulk approval of clean
 * registrations, queue filters, documents and their permissions, the inbox.
 */
import type { RegistrationView } from '../../shared/api';
import { communityOf, formMake, migrantForm } from '../helpers/forms';
import {
  ADMIN,
  cloudTestsOn,
  harnessOpen,
  OTHER_PARENT,
  PARENT,
  PRINCIPAL,
  type Harness,
} from '../helpers/harness';
import { idNumberMake } from '../helpers/ids';

const NOW = new Date('2027-05-10T02:00:00Z');
let h: Harness;
let seq = 0;
const draftId = () => `draft-e${++seq}`;

beforeAll(async () => {
  h = await harnessOpen(NOW);
});
afterAll(async () => {
  await h.store.close();
});

async function submitForm(openid: string, form: ReturnType<typeof formMake>, id = draftId()) {
  return h.call(openid, 'registration', 'submit', {
    draftId: id,
    form,
    schoolTypeConfirmed: true,
  });
}
async function submitted(openid: string, form: ReturnType<typeof formMake>): Promise<RegistrationView> {
  const r = await submitForm(openid, form);
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.data;
}
const review = (payload: Record<string, unknown>) => h.call(PRINCIPAL, 'registration', 'review', payload);

test('submit computes the tier with its reason, and flags missing documents', async () => {
  const r = await submitted(PARENT, formMake());
  expect(r.tier).toEqual({
    status: 'eligible',
    tier: 1,
    label: '一类',
    reasons: ['户籍与房产均在学区且人户一致 → 一类'],
  });
  expect(r.flags.map((f) => f.code)).toEqual(['missing_documents']);
  const m = await submitted(PARENT, migrantForm());
  expect(m.tierLabel).toBe('四类');
});

test('the 公民同招 choice must be confirmed explicitly', async () => {
  const r = await h.call(PARENT, 'registration', 'submit', {
    draftId: draftId(),
    form: formMake(),
    schoolTypeConfirmed: false,
  });
  expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

test('一房一学位: a property reused by another family is flagged; a sibling of the same parents is exempt', async () => {
  const property = { ...formMake().property!, certificateNo: '青(2027)不动产权第0099号' };
  const first = await submitted(PARENT, formMake({ property }));
  expect(first.flags.map((f) => f.code)).not.toContain('property_reused');
  // Same parents (same guardian ID), younger sibling born a year later: exempt.
  const sibling = await submitted(
    PARENT,
    formMake({ property, guardians: formMake().guardians }, '2021-01-05'),
  );
  expect(sibling.flags.map((f) => f.code)).not.toContain('property_reused');
  // Another family with the same certificate (spaces differ): flagged for the reviewer.
  const other = formMake({
    property: { ...property, certificateNo: '青(2027) 不动产权第 0099号' },
    guardians: [
      { relation: '父亲', name: '赵刚', idNumber: idNumberMake('1988-02-02', 3), mobile: '13900001111' },
    ],
  });
  const flagged = await submitted(OTHER_PARENT, other);
  expect(flagged.flags.map((f) => f.code)).toContain('property_reused');
  const q = await h.data(PRINCIPAL, 'registration', 'queue', { flag: 'property_reused' });
  expect(q.items.map((x) => x.id)).toEqual([flagged.id]);
});

test('return for more → the parent fixes it before the deadline → approved; every step notifies the family', async () => {
  const r = await submitted(PARENT, formMake({ childName: '刘小芳' }));
  const noReason = await review({
    id: r.id,
    version: r.version,
    decision: 'return',
    reasonCode: 'DOCS_MISSING',
  });
  expect(noReason).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const badDeadline = await review({
    id: r.id,
    version: r.version,
    decision: 'return',
    reasonCode: 'DOCS_MISSING',
    reason: '缺户主页',
    deadline: '2027-09-01',
  });
  expect(badDeadline).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const returned = await review({
    id: r.id,
    version: r.version,
    decision: 'return',
    reasonCode: 'DOCS_MISSING',
    reason: '请补传户口簿户主页',
    deadline: '2027-05-17',
  });
  expect(returned).toMatchObject({ ok: true, data: { status: 'needs_more', deadline: '2027-05-17' } });

  const seen = await h.data(PARENT, 'registration', 'get', { id: r.id });
  expect(seen).toMatchObject({
    statusLabel: '需补充材料',
    reason: '请补传户口簿户主页',
    deadline: '2027-05-17',
  });

  // The child's ID cannot change in a resubmission.
  const changedId = await h.call(PARENT, 'registration', 'resubmit', {
    id: r.id,
    version: seen.version,
    draftId: draftId(),
    form: formMake({ childName: '刘小芳' }),
  });
  expect(changedId).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

  const fixed = await h.call(PARENT, 'registration', 'resubmit', {
    id: r.id,
    version: seen.version,
    draftId: draftId(),
    form: { ...seen.form, hukou: { ...seen.form.hukou, householdHead: '刘强' } },
  });
  expect(fixed).toMatchObject({ ok: true, data: { status: 'pending_review' } });
  const approved = await review({
    id: r.id,
    version: (fixed as { data: RegistrationView }).data.version,
    decision: 'approve',
  });
  expect(approved).toMatchObject({ ok: true, data: { status: 'approved' } });

  const inbox = await h.data(PARENT, 'registration', 'notices', {});
  const mine = inbox.items.filter((n) => n.registrationId === r.id).map((n) => n.title);
  expect(mine).toEqual(['报名审核通过', '报名需补充材料', '报名已提交']);
  expect(inbox.items.find((n) => n.title === '报名需补充材料')?.body).toContain('请补传户口簿户主页');
  // Another family's inbox shows none of it.
  const theirs = await h.data(OTHER_PARENT, 'registration', 'notices', {});
  expect(theirs.items.some((n) => n.registrationId === r.id)).toBe(false);
});

test('a resubmission after the deadline is refused with the date', async () => {
  const r = await submitted(PARENT, formMake());
  await review({
    id: r.id,
    version: r.version,
    decision: 'return',
    reasonCode: 'DOCS_ILLEGIBLE',
    reason: '看不清',
    deadline: '2027-05-12',
  });
  h.now = new Date('2027-05-13T01:00:00Z');
  try {
    const late = await h.call(PARENT, 'registration', 'resubmit', {
      id: r.id,
      version: r.version + 1,
      draftId: draftId(),
      form: { ...formMake(), idNumber: r.idNumber },
    });
    expect(late).toMatchObject({ ok: false, code: 'OUT_OF_WINDOW' });
    expect(!late.ok && late.message).toContain('2027年5月12日');
  } finally {
    h.now = NOW;
  }
});

test('withdrawal until approval, not after; another family cannot withdraw it', async () => {
  const r = await submitted(PARENT, formMake());
  expect(
    await h.call(OTHER_PARENT, 'registration', 'withdraw', { id: r.id, version: r.version }),
  ).toMatchObject({ code: 'NOT_FOUND' });
  const w = await h.call(PARENT, 'registration', 'withdraw', {
    id: r.id,
    version: r.version,
    reason: '搬家了',
  });
  expect(w).toMatchObject({
    ok: true,
    data: { status: 'withdrawn', statusLabel: '已撤回', reason: '搬家了' },
  });
  const a = await submitted(PARENT, formMake());
  await review({ id: a.id, version: a.version, decision: 'approve' });
  expect(
    await h.call(PARENT, 'registration', 'withdraw', { id: a.id, version: a.version + 1 }),
  ).toMatchObject({ code: 'INVALID_TRANSITION' });
});

test('bulk approval takes only registrations without flags', async () => {
  const clean = await submitted(PARENT, formMake());
  await h.store.transitionRegistration(
    clean.id as never,
    clean.version,
    {
      from: 'pending_review',
      to: 'pending_review',
      at: NOW.toISOString(),
      by: { kind: 'system' },
      reason: null,
    },
    { flags: [] },
  );
  const flagged = await submitted(PARENT, formMake());
  const res = await h.data(PRINCIPAL, 'registration', 'bulkApprove', {
    items: [
      { id: clean.id, version: clean.version + 1 },
      { id: flagged.id, version: flagged.version },
    ],
  });
  expect(res.approved).toBe(1);
  expect(res.results.find((x) => x.id === flagged.id)).toMatchObject({
    ok: false,
    code: 'INVALID_TRANSITION',
  });
});

test('queue filters by tier and search key (child name, last four digits)', async () => {
  const m = await submitted(PARENT, migrantForm({ childName: '张三丰' }));
  const byTier = await h.data(PRINCIPAL, 'registration', 'queue', { tier: 4 });
  expect(byTier.items.map((x) => x.id)).toContain(m.id);
  expect(byTier.items.every((x) => x.tierLabel === '四类')).toBe(true);
  const byName = await h.data(PRINCIPAL, 'registration', 'queue', { search: '张三丰' });
  expect(byName.items.map((x) => x.id)).toEqual([m.id]);
  const byDigits = await h.data(PRINCIPAL, 'registration', 'queue', {
    search: m.idNumberMasked.slice(-4),
    status: null,
  });
  expect(byDigits.items.map((x) => x.id)).toContain(m.id);
});

describe('documents', () => {
  test('only the uploader attaches a file; the family and the school open it; others cannot', async () => {
    const d = draftId();
    const form = formMake({ schoolId: 'p01', community: communityOf('p01') });
    await h.data(PARENT, 'registration', 'saveDraft', { draftId: d, form });
    await h.store.putFile({
      id: 'lf-parent-file',
      ownerOpenid: PARENT as never,
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      size: 1000,
      createdAt: NOW.toISOString(),
    });
    expect(
      await h.call(OTHER_PARENT, 'registration', 'attachDocument', {
        draftId: d,
        slot: 'hukou_front',
        fileId: 'lf-parent-file',
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await h.call(PARENT, 'registration', 'attachDocument', {
        draftId: d,
        slot: 'no_such_slot',
        fileId: 'lf-parent-file',
      }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(
      (
        await h.call(PARENT, 'registration', 'attachDocument', {
          draftId: d,
          slot: 'hukou_front',
          fileId: 'lf-parent-file',
        })
      ).ok,
    ).toBe(true);
    const r = (await submitForm(PARENT, form, d)) as { ok: true; data: RegistrationView };
    expect(r.data.documents.find((x) => x.slot === 'hukou_front')).toMatchObject({ attached: true });
    const link = { registrationId: r.data.id, slot: 'hukou_front' };
    // A temporary link: the test's own on PGlite, cloud storage's on the SDK double.
    expect(await h.call(PARENT, 'registration', 'documentLink', link)).toMatchObject({
      ok: true,
      data: { url: cloudTestsOn() ? expect.stringMatching(/^https:\/\//) : '/test-link/lf-parent-file' },
    });
    expect(await h.call(PRINCIPAL, 'registration', 'documentLink', link)).toMatchObject({ ok: true });
    expect(await h.call(ADMIN, 'registration', 'documentLink', link)).toMatchObject({ ok: true });
    expect(await h.call(OTHER_PARENT, 'registration', 'documentLink', link)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await h.call('demo-teacher-p01', 'registration', 'documentLink', link)).toMatchObject({
      code: 'FORBIDDEN',
    });
    // The submitted draft is gone.
    expect(await h.call(PARENT, 'registration', 'getDraft', { draftId: d })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('capacity', () => {
  test('seats against applicants per tier; the principal sets the classes', async () => {
    const before = await h.data(PRINCIPAL, 'registration', 'capacity', {});
    expect(before.cap).toBe(45);
    expect(before.seats).toBe(before.entryClasses * 45);
    expect(before.tiers.map((t) => t.label)).toEqual(['一类', '二类', '三类', '四类', '统筹']);
    const one = before.tiers.find((t) => t.tier === 1)!;
    await submitted(PARENT, formMake());
    const after = await h.data(PRINCIPAL, 'registration', 'capacity', {});
    expect(after.tiers.find((t) => t.tier === 1)!.underReview).toBe(one.underReview + 1);

    expect(
      await h.call(PRINCIPAL, 'county', 'setEntryClasses', { schoolId: 'p02', entryClasses: 9 }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await h.call(PRINCIPAL, 'county', 'setEntryClasses', { schoolId: 'p01', entryClasses: 0 }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    await h.data(PRINCIPAL, 'county', 'setEntryClasses', { schoolId: 'p01', entryClasses: 9 });
    expect((await h.data(PRINCIPAL, 'registration', 'capacity', {})).seats).toBe(9 * 45);
    expect(await h.call(PARENT, 'registration', 'capacity', {})).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('Excel export', () => {
  const readBook = async (bytes: Buffer) => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  test('the school exports its approved list with IDs and phones masked', async () => {
    const r = await submitted(PARENT, formMake({ childName: '导出测试' }));
    await review({ id: r.id, version: r.version, decision: 'approve' });
    const out = await h.data(PRINCIPAL, 'reports', 'exportList', { list: 'approved' });
    expect(out.fileName).toBe('城关第一小学2027年审核通过名单.xlsx');
    const rows = await readBook(h.download(out));
    expect(rows[1]).toEqual([
      '序号',
      '儿童姓名',
      '性别',
      '出生日期',
      '身份证号',
      '类别',
      '状态',
      '监护人',
      '联系电话',
      '提交时间',
    ]);
    const row = rows.find((x) => x[1] === '导出测试')!;
    expect(row[4]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(row[8]).toBe('138****5678');
    expect(rows.slice(2).every((x) => x[6] === '审核通过')).toBe(true);
    expect(rows.length - 2).toBe(out.rows);
  });

  test('full ID numbers only for the bureau, for 学籍, with a reason that is audited', async () => {
    expect(
      await h.call(PRINCIPAL, 'reports', 'exportList', { list: 'all', fullIdReason: '学籍注册' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await h.call(ADMIN, 'reports', 'exportList', { list: 'all', schoolId: 'p01', fullIdReason: '' }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    const out = await h.data(ADMIN, 'reports', 'exportList', {
      list: 'all',
      schoolId: 'p01',
      fullIdReason: '2027级新生学籍注册',
    });
    const rows = await readBook(h.download(out));
    expect(rows.slice(2).every((x) => /^\d{17}[\dX]$/.test(x[4]!))).toBe(true);
    const audit = await h.store.listAudit('school:p01');
    expect(audit.at(-1)).toMatchObject({
      action: 'registration.export.fullId',
      detail: { reason: '2027级新生学籍注册' },
    });
    expect(await h.call(PARENT, 'reports', 'exportList', { list: 'all' })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('zone table in Excel', () => {
  test('export, edit, import: the new table takes effect; a bad file reports rows and changes nothing', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const out = await h.data(ADMIN, 'reports', 'zonesExport', {});
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(h.download(out) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const before = await h.store.listZones();
    // Add a community to the first zone.
    const cell = sheet.getRow(2).getCell(6);
    cell.value = `${String(cell.value)}、城关镇新建小区`;
    const edited = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const res = await h.data(ADMIN, 'reports', 'zonesImport', {
      base64: edited,
    });
    expect(res).toEqual({ imported: before.length, problems: [] });
    const firstId = String(sheet.getRow(2).getCell(1).value);
    expect((await h.store.listZones()).find((z) => z.id === firstId)?.communities).toContain(
      '城关镇新建小区',
    );

    sheet.getRow(3).getCell(5).value = 'p99';
    const broken = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const bad = await h.data(ADMIN, 'reports', 'zonesImport', { base64: broken });
    expect(bad).toEqual({ imported: 0, problems: [{ row: 3, message: '学校代码“p99”不存在。' }] });
    expect((await h.store.listZones()).find((z) => z.id === firstId)?.communities).toContain(
      '城关镇新建小区',
    );

    expect(
      await h.call(ADMIN, 'reports', 'zonesImport', {
        base64: Buffer.from('not a workbook').toString('base64'),
      }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await h.call(PRINCIPAL, 'reports', 'zonesImport', { base64: edited })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('WeChat subscribe messages', () => {
  test('each acceptance allows exactly one push; the inbox records every notice either way', async () => {
    h.templateId = 'TPL-REVIEW-RESULT';
    h.pushed.length = 0;
    try {
      const r = await submitted(PARENT, formMake({ childName: '订阅测试' }));
      expect(h.pushed).toHaveLength(0); // nothing accepted yet: inbox only
      expect(await h.data(PARENT, 'registration', 'subscribe', { accepted: true })).toEqual({
        enabled: true,
        quota: 1,
      });
      await review({
        id: r.id,
        version: r.version,
        decision: 'return',
        reasonCode: 'DOCS_MISSING',
        reason: '缺页',
        deadline: '2027-05-20',
      });
      expect(h.pushed).toHaveLength(1);
      expect(h.pushed[0]).toMatchObject({
        openid: PARENT,
        templateId: 'TPL-REVIEW-RESULT',
        page: `pages/parent/detail/index?id=${r.id}`,
        data: {
          thing1: { value: '报名需补充材料' },
          name2: { value: '订阅测试' },
          phrase3: { value: '需补充材料' },
        },
      });
      // The quota is spent: the next notice goes to the inbox only.
      await h.data(PARENT, 'registration', 'withdraw', { id: r.id, version: r.version + 1 });
      expect(h.pushed).toHaveLength(1);
      const inbox = await h.data(PARENT, 'registration', 'notices', {});
      const mine = inbox.items.filter((n) => n.registrationId === r.id);
      expect(mine.map((n) => [n.title, n.pushed])).toEqual([
        ['报名已撤回', false],
        ['报名需补充材料', true],
        ['报名已提交', false],
      ]);
      expect(await h.data(PARENT, 'registration', 'subscribe', { accepted: false })).toEqual({
        enabled: true,
        quota: 0,
      });
    } finally {
      h.templateId = null;
    }
  });

  test('with no template configured, subscribing does nothing', async () => {
    expect(await h.data(PARENT, 'registration', 'subscribe', { accepted: true })).toEqual({
      enabled: false,
      quota: 0,
    });
  });
});

describe('zone editing in the admin page', () => {
  test('a zone is edited in place under the import rules', async () => {
    const zones = await h.store.listZones();
    const a = zones.find((z) => z.stage === 'primary' && z.schoolIds.length === 1)!;
    const b = zones.find((z) => z.stage === 'primary' && z.id !== a.id)!;
    const base = { id: a.id, name: a.name, schoolIds: a.schoolIds.join('、') };
    const res = await h.call(ADMIN, 'county', 'updateZone', {
      ...base,
      communities: [...a.communities, '新开发小区'].join('、'),
    });
    expect(res.ok).toBe(true);
    expect((await h.store.listZones()).find((z) => z.id === a.id)?.communities).toContain('新开发小区');
    // Taking a community another zone of the same stage already covers is refused, naming it.
    const clash = await h.call(ADMIN, 'county', 'updateZone', { ...base, communities: b.communities[0]! });
    expect(clash).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!clash.ok && clash.message).toContain(b.communities[0]!);
    expect(await h.call(PRINCIPAL, 'county', 'updateZone', { ...base, communities: 'x' })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('two-level review (初审 → 复审)', () => {
  const REVIEWER = 'demo-reviewer-p01';

  test('off by default: a reviewer approves for the school in one step', async () => {
    const r = await submitted(PARENT, formMake());
    expect(
      await h.call(REVIEWER, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' }),
    ).toMatchObject({
      ok: true,
      data: { status: 'approved' },
    });
  });

  test('on: reviewer passes 初审, only a different person (the principal) passes 复审', async () => {
    expect(await h.call(PRINCIPAL, 'county', 'setReviewLevels', { twoLevel: true })).toMatchObject({
      code: 'FORBIDDEN',
    });
    await h.data(ADMIN, 'county', 'setReviewLevels', { twoLevel: true });
    try {
      const r = await submitted(PARENT, formMake({ childName: '两级审核' }));
      const first = await h.data(REVIEWER, 'registration', 'review', {
        id: r.id,
        version: r.version,
        decision: 'approve',
      });
      expect(first).toMatchObject({ status: 'first_approved', statusLabel: '初审通过' });
      // The reviewer cannot give the final approval.
      expect(
        await h.call(REVIEWER, 'registration', 'review', {
          id: r.id,
          version: first.version,
          decision: 'approve',
        }),
      ).toMatchObject({
        code: 'FORBIDDEN',
        message: '复审须由校长进行。',
      });
      const q = await h.data(PRINCIPAL, 'registration', 'queue', { status: 'first_approved' });
      expect(q.items.map((x) => x.id)).toContain(r.id);
      const final = await h.data(PRINCIPAL, 'registration', 'review', {
        id: r.id,
        version: first.version,
        decision: 'approve',
      });
      expect(final.status).toBe('approved');
      expect(final.history.map((x) => x.label).slice(-2)).toEqual(['初审通过', '审核通过']);

      // The principal doing 初审 cannot also do 复审 on the same registration.
      const s = await submitted(PARENT, formMake());
      const p1 = await h.data(PRINCIPAL, 'registration', 'review', {
        id: s.id,
        version: s.version,
        decision: 'approve',
      });
      expect(p1.status).toBe('first_approved');
      expect(
        await h.call(PRINCIPAL, 'registration', 'review', {
          id: s.id,
          version: p1.version,
          decision: 'approve',
        }),
      ).toMatchObject({
        code: 'FORBIDDEN',
        message: '初审和复审须由不同的人进行。',
      });
      // Either level may return or refuse, and the family can still withdraw before the final approval.
      expect(
        await h.call(PARENT, 'registration', 'withdraw', { id: s.id, version: p1.version }),
      ).toMatchObject({ ok: true, data: { status: 'withdrawn' } });
    } finally {
      await h.data(ADMIN, 'county', 'setReviewLevels', { twoLevel: false });
    }
  });

  test('a reviewer of one school sees nothing of another', async () => {
    const r = await submitted(PARENT, formMake({ schoolId: 'p02', community: communityOf('p02') }));
    expect(await h.call(REVIEWER, 'registration', 'get', { id: r.id })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
