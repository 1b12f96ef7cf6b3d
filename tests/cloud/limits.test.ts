/**
 * #18.5 on the SDK double: a function's answer is capped at 1 MB (exports go through cloud storage
 * and a temporary link), a document at 16 MB (a county's frozen list and draw result are kept in
 * parts), a call's request at about 6 MB (the largest import fits). Lost replies and throttling:
 * tests/store/cloudbase.test.ts; collections, memory and indexes: docs.test.ts.
 */
import ExcelJS from 'exceljs';
import { cloudbaseStore } from '../../server/store/cloudbase';
import type { PlacementFreeze, PlacementRunRecord } from '../../server/store/port';
import { base64Length, IMPORT_MAX_BYTES } from '../../shared/importLimits';
import { canonicalJson } from '../../shared/placement/canonical';
import type { CensusRecord } from '../../shared/oversight/census';
import type { PlacementInput } from '../../shared/placement/types';
import { cloudDouble } from '../doubles/wxCloud';
import { byteSize } from '../doubles/wxQuery';
import { WX_REQUEST_MAX_BYTES } from '../doubles/wxDatabase';
import { ADMIN, harnessOpenCloud } from '../helpers/harness';
import { T0 } from '../helpers/fixtures';

const NOW = new Date('2027-05-10T02:00:00Z');

test('a county-scale export is a link to cloud storage, not megabytes in the answer', async () => {
  const h = await harnessOpenCloud(NOW, { throttleRate: 0, lostReplyRate: 0 });
  const townships = ['城关镇', '石桥乡', '柳河乡', '青山镇'];
  const records: CensusRecord[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: `2027-3301022020${String(i).padStart(8, '0')}`,
    year: 2027,
    child: {
      idNumber: `3301022020${String(i).padStart(8, '0')}`,
      name: `儿童${i}`,
      birthDate: '2020-06-01' as never,
      township: townships[i % 4] as string,
      village: `第${i % 40}村民小组`,
      guardian: `家长${i}`,
      phone: `138${String(i).padStart(8, '0')}`,
      groups: i % 7 === 0 ? ['留守儿童'] : [],
    },
    followUps:
      i % 5 === 0
        ? [{ at: T0.toISOString(), by: 'b', text: '电话联系家长，已在外地就读', outcome: null }]
        : [],
    version: 1,
  }));
  await h.store.mergeCensus(
    2027,
    records.map((r) => ({ id: r.id, child: r.child })),
  );
  // Follow-ups are written one child at a time, as the bureau records them.
  for (const r of records.filter((x) => x.followUps.length > 0).slice(0, 200))
    await h.store.saveCensus({ ...r, version: 2 }, 1);
  const r = await h.call(ADMIN, 'reports', 'censusExport', {});
  expect(h.last?.error).toBeUndefined();
  expect(r).toMatchObject({
    ok: true,
    data: { fileName: '适龄儿童名册-2027.xlsx', url: expect.any(String) },
  });
  if (!r.ok) return;
  expect(r.data.base64).toBeUndefined();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(h.download(r.data as never) as unknown as ArrayBuffer);
  expect(book.worksheets[0]?.rowCount).toBe(10_001);
});

test('a frozen list and a draw result for 100,000 children (over 16 MB each) are stored and read back whole', async () => {
  const { db } = cloudDouble();
  const store = cloudbaseStore(db);
  const ids = Array.from({ length: 100_000 }, (_, i) => `r2027-${i.toString(16).padStart(32, '0')}`);
  const schools = Array.from({ length: 60 }, (_, i) => `p${String(i).padStart(2, '0')}`);
  // Each child is acceptable (tier 1–3) at three schools of its zone, and ranks them.
  const tiers = schools.map(() => ({}) as Record<string, number>);
  ids.forEach((id, i) =>
    [0, 1, 2].forEach((d) => ((tiers[(i + d) % 60] as Record<string, number>)[id] = 1 + d)),
  );
  const input: PlacementInput = {
    schools: schools.map((id, k) => ({ id, capacity: 1600, tiers: tiers[k] as Record<string, number> })),
    students: ids.map((id, i) => ({
      id,
      preferences: [0, 1, 2].map((d) => schools[(i + d) % 60] as string),
    })),
  };
  expect(byteSize(input)).toBeGreaterThan(16 * 1024 * 1024);
  const freeze: PlacementFreeze = {
    id: '2027-primary',
    year: 2027,
    stage: 'primary',
    frozenAt: T0.toISOString(),
    by: 'admin',
    inputHash: 'h',
    count: ids.length,
    input,
  };
  expect(await store.createFreeze(freeze)).toEqual({ status: 'created' });
  expect(await store.createFreeze({ ...freeze, inputHash: 'other' })).toEqual({ status: 'duplicate' });
  // Compared as canonical JSON: a deep equality over 100,000 children is slow in jest.
  expect(canonicalJson(await store.getFreeze('2027-primary'))).toBe(canonicalJson(freeze));

  const result = {
    assignment: Object.fromEntries(
      ids.map((id, i) => [id, i % 10 === 0 ? null : (schools[i % 60] as string)]),
    ),
    schools: Object.fromEntries(
      schools.map((s, k) => [s, ids.filter((_, i) => i % 60 === k && i % 10 !== 0)]),
    ),
    lottery: Object.fromEntries(ids.map((id, i) => [id, (i * 7919) % 100_000])),
    cutoffs: {},
    runRecord: { algorithm: 'x', mechanism: 'da', rng: 'r', seed: '1', inputHash: 'h', outputHash: 'o' },
  } as PlacementRunRecord['result'];
  const run: PlacementRunRecord = {
    id: '2027-primary:final',
    freezeId: '2027-primary',
    dryRun: false,
    at: T0.toISOString(),
    by: 'admin',
    result,
    coordination: Object.fromEntries(
      ids.filter((_, i) => i % 2 === 0).map((id) => [id, { schoolId: 'p01', distanceKm: 1.5 }]),
    ),
    publishedAt: null,
  };
  expect(byteSize(run)).toBeGreaterThan(16 * 1024 * 1024);
  expect(await store.createPlacementRun(run)).toEqual({ status: 'created' });
  await store.markRunPublished(run.id, T0.toISOString());
  expect(canonicalJson(await store.getPlacementRun(run.id))).toBe(
    canonicalJson({ ...run, publishedAt: T0.toISOString() }),
  );
}, 120_000);

test('the largest spreadsheet an import takes fits in a call’s request; a larger one is refused in Chinese', async () => {
  const event = {
    action: 'censusImport',
    payload: { base64: 'A'.repeat(base64Length(IMPORT_MAX_BYTES)) },
    requestId: 'r-0123456789abcdef',
  };
  expect(byteSize(event)).toBeLessThan(WX_REQUEST_MAX_BYTES);
  const h = await harnessOpenCloud(NOW, { throttleRate: 0, lostReplyRate: 0 });
  const r = await h.call(ADMIN, 'reports', 'censusImport', {
    base64: 'A'.repeat(base64Length(IMPORT_MAX_BYTES) + 4),
  });
  expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('超过4MB') });
});
