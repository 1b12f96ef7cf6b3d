/**
 * #18.1 on the SDK double: every database call is a round trip, so an action's time is its
 * round trips on the critical path. These count them (the double's clock: 30 ms a round trip, calls
 * made together overlap) against each action's budget — a count, not a timing; `npm run
 * bench:cloud` prints the same at full county scale.
 */
import ExcelJS from 'exceljs';
import { formMake } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';
import type { RegistrationForm } from '../../shared/registration/form';
import { countyFunction } from '../../cloudfunctions/county/handler';
import { placementFunction } from '../../cloudfunctions/placement/handler';
import { registrationFunction } from '../../cloudfunctions/registration/handler';
import { reportsFunction } from '../../cloudfunctions/reports/handler';
import { DEMO_ADMIN_OPENID } from '../../server/host/seed';
import { dispatch, type FunctionDef } from '../../server/runtime/define';
import { wxEnv } from '../../server/runtime/wx';
import { asOpenId } from '../../shared/brand';
import { censusTableHeader } from '../../shared/oversight/census';
import type { Invocation } from '../doubles/wxClock';
import { countyBuild, COUNTY_NOW, type County } from './county';

const fns: Record<string, FunctionDef> = {
  county: countyFunction,
  placement: placementFunction,
  registration: registrationFunction,
  reports: reportsFunction,
};

async function call(
  c: County,
  fn: string,
  action: string,
  openid: string,
  payload: unknown,
  now = COUNTY_NOW,
): Promise<{ data: unknown; inv: Invocation }> {
  const main = (e: unknown) =>
    dispatch(
      fns[fn] as FunctionDef,
      wxEnv(c.cloud.sdk, asOpenId(openid), now, {
        firstAdminOpenid: DEMO_ADMIN_OPENID,
        subscribeTemplateId: null,
        rotationTemplateId: null,
      }),
      e,
    );
  const res = await c.cloud.invoke(fn, main, { action, payload }, openid);
  if (res.error) throw new Error(`${fn}.${action}: ${res.error.errMsg}`);
  const env = res.result as { ok: boolean; data?: unknown; code?: string; message?: string };
  if (!env.ok) throw new Error(`${fn}.${action}: ${env.code} ${env.message}`);
  return { data: env.data, inv: res.inv };
}

/** Round trips on the critical path (the double's clock at 30 ms a round trip). */
const roundTrips = (inv: Invocation) => inv.t / 30;

describe('a county of 2,000 registrations, 1,200 teachers, 3,000 census children', () => {
  let c: County;
  beforeAll(async () => {
    c = await countyBuild({ schools: 40, teachers: 1200, registrations: 2000, census: 3000 });
  });

  test('the bureau’s dashboard, a school’s view and a record: a handful of round trips, not one per page or school', async () => {
    for (const [action, who, payload] of [
      ['dashboard', DEMO_ADMIN_OPENID, {}],
      ['schoolView', 'demo-principal-p01', {}],
      ['record', DEMO_ADMIN_OPENID, { kind: 'school', id: 'p01' }],
      ['census', DEMO_ADMIN_OPENID, {}],
    ] as const) {
      const { inv } = await call(c, 'county', action, who, payload);
      expect({ action, roundTrips: roundTrips(inv) <= 8 }).toEqual({ action, roundTrips: true });
    }
  });

  test('the capacity page counts on the server: a few round trips', async () => {
    const { data, inv } = await call(c, 'registration', 'capacity', 'demo-principal-p01', {});
    expect(roundTrips(inv)).toBeLessThanOrEqual(4);
    expect((data as { applicants: number }).applicants).toBeGreaterThan(0);
  });

  test('a family’s submit reads what it needs at once: ≤ 7 round trips in a row, ≤ 17 calls', async () => {
    // Registration day's throughput is round trips: the binding, the retry key, the settings, then
    // the school, zone table, draft, the child's earlier registrations and the property's uses
    // together, then one transaction (start, its reads, its writes, commit). Before: 13 in a row.
    const openid = 'rt-parent-1';
    const community = (await c.store.listZones()).find((z) => z.schoolIds.includes('p01' as never))
      ?.communities[0] as string;
    const form = formMake({
      idNumber: idNumberMake('2020-09-02', 7, '330111'),
      schoolId: 'p01',
      community,
      property: {
        ...(formMake().property as NonNullable<RegistrationForm['property']>),
        certificateNo: 'RT-0001',
      },
    });
    const main = (e: unknown) =>
      dispatch(
        registrationFunction,
        wxEnv(c.cloud.sdk, asOpenId(openid), COUNTY_NOW, {
          firstAdminOpenid: DEMO_ADMIN_OPENID,
          subscribeTemplateId: null,
          rotationTemplateId: null,
        }),
        e,
      );
    const event = {
      action: 'submit',
      payload: { draftId: 'rt-draft-1', form, schoolTypeConfirmed: true },
      requestId: 'rt-submit-0001',
    };
    const res = await c.cloud.invoke('registration', main, event, openid);
    expect((res.result as { ok: boolean }).ok).toBe(true);
    expect(roundTrips(res.inv)).toBeLessThanOrEqual(7);
    expect(res.inv.calls).toBeLessThanOrEqual(17);
  });

  test('a census import of 3,000 children and a staff import of 1,200 teachers are written in batches', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名册');
    sheet.addRow([...censusTableHeader]);
    for (const d of c.cloud.db.dump('census')) {
      const ch = (d as { child: Record<string, unknown> }).child;
      sheet.addRow([
        ch['idNumber'],
        ch['name'],
        ch['township'],
        ch['village'],
        ch['guardian'],
        ch['phone'],
        (ch['groups'] as string[]).join('、'),
      ]);
    }
    sheet.addRow([idNumberMake('2019-06-15', 25, '110105'), '新增儿童', '城关镇', '', '', '', '']);
    const base64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const census = await call(c, 'reports', 'censusImport', DEMO_ADMIN_OPENID, { base64 });
    expect(census.data).toMatchObject({ rows: 3001, added: 1, problems: [] });
    expect(census.inv.calls).toBeLessThan(100);

    const exported = await call(c, 'reports', 'staffExport', DEMO_ADMIN_OPENID, {});
    expect(exported.inv.calls).toBeLessThan(20);
    const file = exported.data as { url: string };
    const staff = await call(c, 'reports', 'staffImport', DEMO_ADMIN_OPENID, {
      base64: (c.cloud.storage.read(file.url) as Buffer).toString('base64'),
    });
    expect(staff.data).toMatchObject({ teachers: 1200, problems: [] });
    expect(staff.inv.calls).toBeLessThan(50);
  });

  test('retention deletes files fifty a call, in steps that fit the registration function', async () => {
    const later = new Date('2028-03-01T02:00:00Z');
    const before = c.cloud.storage.calls.delete;
    let from: number | null = 0;
    let steps = 0;
    let files = 0;
    while (from !== null) {
      const { data, inv } = await call(
        c,
        'registration',
        'retention',
        DEMO_ADMIN_OPENID,
        { dryRun: false, from },
        later,
      );
      expect(inv.t).toBeLessThan(5000);
      const d = data as { done: boolean; next: number | null; files: number };
      files += d.files;
      from = d.done ? null : d.next;
      steps++;
    }
    expect(files).toBe(2000 * 4);
    // Fifty ids a deleteFile call (the most it takes), not a call per file.
    expect(c.cloud.storage.calls.delete - before).toBeLessThanOrEqual(Math.ceil(files / 50) + steps);
    expect(c.cloud.db.dump('files').filter((f) => String(f['_id']).includes('registrations/r'))).toEqual([]);
  });
});

test('the draw’s freeze reads 5,000 applicants in pages of a thousand and moves them in batches', async () => {
  const c = await countyBuild({
    schools: 30,
    teachers: 800,
    registrations: 5000,
    census: 0,
    stage: 'primary',
    status: () => 'approved',
  });
  const frozen = await call(c, 'placement', 'freeze', DEMO_ADMIN_OPENID, { stage: 'primary' });
  expect((frozen.data as { count: number }).count).toBe(5000);
  expect(frozen.inv.calls).toBeLessThan(120);
  expect(roundTrips(frozen.inv)).toBeLessThan(20);
  expect(c.cloud.db.dump('registrations').filter((r) => r['status'] === 'awaiting_placement')).toHaveLength(
    5000,
  );
  await call(c, 'placement', 'run', DEMO_ADMIN_OPENID, {
    stage: 'primary',
    seed: '20270601883712',
    dryRun: false,
  });
  let from: number | null = 0;
  while (from !== null) {
    const { data, inv } = await call(c, 'placement', 'publish', DEMO_ADMIN_OPENID, {
      stage: 'primary',
      from,
    });
    expect(inv.t).toBeLessThan(30_000);
    const d = data as { done: boolean; next: number | null };
    from = d.done ? null : d.next;
  }
  expect(c.cloud.db.dump('registrations').filter((r) => r['status'] === 'awaiting_placement')).toEqual([]);
  expect(
    c.cloud.db.dump('notices').filter((n) => /的(录取结果|学位统筹安排)$/.test(String(n['title']))),
  ).toHaveLength(5000);
}, 120_000);
