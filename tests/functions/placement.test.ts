/**
 * The bureau's draw on the demo county: freeze → published hash → dry run → formal run with the
 * public seed (once) → publish; families see their school or 统筹 with the explanation; anyone
 * can replay the formal run from the frozen list and the seed.
 */
import type { PageOf, RegistrationView } from '../../shared/api';
import { canonicalHash } from '../../shared/placement/canonical';
import { placementRun } from '../../shared/placement/run';
import type { PlacementInput, PlacementResult } from '../../shared/placement/types';
import type { Notice } from '../../shared/registration/types';
import { communityOf, formMake } from '../helpers/forms';
import { ADMIN, harnessOpen, PARENT, PRINCIPAL, type Harness } from '../helpers/harness';
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

type Frozen = { id: string; inputHash: string; count: number; input: PlacementInput };
type Ran = { id: string; result: PlacementResult; placed: number; unplaced: string[] };

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
  expect(frozen.count).toBe(53);
  expect(frozen.inputHash).toBe(canonicalHash(frozen.input));
  expect(JSON.stringify(frozen.input)).not.toMatch(/\d{17}[\dX]/); // no ID numbers in the published list
  expect(await h.call(ADMIN, 'placement', 'freeze', { stage: 'primary' })).toMatchObject({
    code: 'INVALID_TRANSITION',
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
  const replay = placementRun(frozen.input, 'da', '20270601883712');
  expect(replay.status === 'ok' && replay.result.runRecord.outputHash).toBe(
    formal.result.runRecord.outputHash,
  );
  expect(replay.status === 'ok' && replay.result.runRecord.inputHash).toBe(frozen.inputHash);

  expect(await h.data(ADMIN, 'placement', 'publish', { stage: 'primary' })).toEqual({
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
  const out = await h.data<{ fileName: string; rows: number; base64: string }>(
    ADMIN,
    'reports',
    'exportList',
    { list: 'admitted', schoolId: 'p09' },
  );
  expect(out.fileName).toBe('石桥乡岭下村小学2027年录取名单（公示）.xlsx');
  expect(out.rows).toBe(45);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  expect(String(book.worksheets[0]!.getRow(3).getCell(5).value)).toMatch(/^\d{4}\*{10}/);

  const inbox = await h.data<PageOf<Notice>>(PARENT, 'registration', 'notices', {});
  expect(inbox.items.some((n) => n.title === '录取结果')).toBe(true);
});
