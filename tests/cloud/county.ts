/**
 * A county at scale on the SDK double, for the round-trip tests and `npm run bench:cloud`: the
 * demo county's accounts and policy, schools up to the given number (with zones and communities),
 * teachers, registrations in every status with forms, documents and history like the ones the
 * functions store, the census roster, class splits and files. Records are written straight into
 * the double (no round trips), deterministically.
 */
import { asCstDate, asOpenId, asRegistrationId, asSchoolId, asTeacherId, asZoneId } from '../../shared/brand';
import type { School, Teacher, Zone } from '../../shared/county/types';
import type { CensusRecord } from '../../shared/oversight/census';
import type { RegistrationStatus } from '../../shared/registration/status';
import type { DocumentRef, Registration } from '../../shared/registration/types';
import { childKey } from '../../cloudfunctions/registration/key';
import { demoSeed, demoSettings } from '../../server/host/seed';
import { cloudbaseStore, type CloudbaseOptions } from '../../server/store/cloudbase';
import type { Store } from '../../server/store/port';
import { cloudDouble, type CloudDouble, type CloudDoubleOptions } from '../doubles/wxCloud';
import { formMake } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';

export const COUNTY_NOW = new Date('2027-05-10T02:00:00Z');

export interface CountyScale {
  readonly schools: number;
  readonly teachers: number;
  readonly registrations: number;
  readonly census: number;
  /** Status of every registration (default: a spread over the review). */
  readonly status?: (i: number) => RegistrationStatus;
  /** Stage of every registration (default: by school). */
  readonly stage?: 'primary' | 'junior';
}

export interface County {
  readonly cloud: CloudDouble;
  readonly store: Store;
  readonly schools: readonly School[];
  readonly registrations: readonly Registration[];
}

const statusSpread: readonly RegistrationStatus[] = [
  'pending_review',
  'pending_review',
  'approved',
  'approved',
  'approved',
  'approved',
  'admitted',
  'needs_more',
  'rejected',
  'withdrawn',
];

/** A child's name from a serial number, in Han characters (names take no digits). */
const hanName = (i: number) => `童${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;

/** Serial numbers → distinct valid ID numbers (birth dates over a year, 999 a day, regions). */
const idOf = (i: number, year = 2020) => {
  const day = new Date(Date.UTC(year, 0, 1) + (i % 360) * 86_400_000).toISOString().slice(0, 10);
  const region = String(330102 + Math.floor(i / (360 * 999)));
  return idNumberMake(day, (Math.floor(i / 360) % 999) + 1, region);
};

export async function countyBuild(
  scale: CountyScale,
  options: CloudDoubleOptions = {},
  storeOptions: CloudbaseOptions = {},
): Promise<County> {
  const cloud = cloudDouble({ throttleRate: 0, lostReplyRate: 0, ...options });
  const store = cloudbaseStore(cloud.db, storeOptions);
  await demoSeed(store, COUNTY_NOW);
  const year = demoSettings(COUNTY_NOW).enrollmentYear;
  const demoSchools = await store.listSchools();
  const demoZones = await store.listZones();

  // More schools like the demo ones, three to a zone of four communities each.
  const schools: School[] = [...demoSchools];
  const zones: Zone[] = [...demoZones];
  for (let k = demoSchools.length; k < scale.schools; k++) {
    const like = demoSchools[k % demoSchools.length] as School;
    schools.push({ ...like, id: asSchoolId(`x${String(k).padStart(3, '0')}`), name: `${like.name}（${k}）` });
  }
  const extra = schools.slice(demoSchools.length);
  for (let z = 0; z * 3 < extra.length; z++) {
    const members = extra.slice(z * 3, z * 3 + 3);
    for (const stage of ['primary', 'junior'] as const) {
      const ids = members.filter((s) => s.stage === stage).map((s) => s.id);
      if (ids.length === 0) continue;
      zones.push({
        id: asZoneId(`xz${z}-${stage}`),
        name: `学区${z}`,
        stage,
        township: members[0]?.township ?? '城关镇',
        schoolIds: ids,
        communities: [0, 1, 2, 3].map((c) => `新区${z}-${c}社区`),
      });
    }
  }
  cloud.db.load(
    'schools',
    extra.map((s) => ({ ...s, _id: s.id })),
  );
  cloud.db.load(
    'zones',
    zones.slice(demoZones.length).map((z) => ({ ...z, _id: z.id })),
  );

  // Teachers up to the county's number, spread over the schools.
  const have = (await store.listTeachersBySchool(asSchoolId('p01'), { offset: 0, limit: 1 }))
    .items[0] as Teacher;
  const teachers: Teacher[] = [];
  const existing = cloud.db.dump('teachers').length;
  for (let i = existing; i < scale.teachers; i++) {
    const school = schools[i % schools.length] as School;
    teachers.push({
      ...have,
      id: asTeacherId(`tx${String(i).padStart(5, '0')}`),
      name: `教师${i}`,
      schoolId: school.id,
      birthYear: 1965 + (i % 35),
      yearsAtSchool: i % 14,
      isPrincipal: false,
    });
  }
  cloud.db.load(
    'teachers',
    teachers.map((t) => ({ ...t, _id: t.id })),
  );

  // Registrations: valid forms for each school's zone, documents attached, a history.
  const communityOf = (s: School) => zones.find((z) => z.schoolIds.includes(s.id))?.communities[0] ?? '';
  const at = COUNTY_NOW.toISOString();
  const regs: Registration[] = [];
  const stageSchools = scale.stage ? schools.filter((s) => s.stage === scale.stage) : schools;
  for (let i = 0; i < scale.registrations; i++) {
    const school = stageSchools[i % stageSchools.length] as School;
    const idNumber = idOf(i, school.stage === 'primary' ? 2020 : 2014);
    const form = formMake({
      idNumber,
      childName: hanName(i),
      schoolId: school.id,
      stage: school.stage,
      community: communityOf(school),
    });
    const key = childKey(idNumber, year);
    const status = scale.status
      ? scale.status(i)
      : (statusSpread[Math.floor(i / stageSchools.length) % statusSpread.length] as RegistrationStatus);
    const doc = (slot: string): DocumentRef => ({
      fileId: `cloud://env-test.bucket/registrations/${key}-${slot}.jpg`,
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      size: 800_000,
      at,
    });
    const tierNo = 1 + (i % 4);
    regs.push({
      id: asRegistrationId(key),
      childKey: key,
      previousId: null,
      year,
      stage: school.stage,
      ownerOpenid: asOpenId(`parent-${i}`),
      schoolId: school.id,
      childName: form.childName,
      idNumber,
      birthDate: asCstDate(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`),
      gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
      form: { ...form, route: i % 9 === 0 ? 'migrant' : 'resident' },
      tier:
        i % 11 === 0
          ? { status: 'ineligible', reasons: ['户籍与房产均不在本县'] }
          : {
              status: 'eligible',
              tier: tierNo,
              label: ['一类', '二类', '三类', '四类'][tierNo - 1] as string,
              reasons: ['户籍与房产均在学区且人户一致 → 一类'],
            },
      flags: i % 50 === 0 ? ['over_age'] : i % 77 === 0 ? ['property_reused'] : [],
      documents: {
        hukou_front: doc('hukou_front'),
        hukou_back: doc('hukou_back'),
        birth_cert: doc('birth_cert'),
        property_cert: doc('property_cert'),
      },
      propertyKey: `K${i % 19_000}`,
      searchKeys: [form.childName, idNumber.slice(-4), '5678'],
      status,
      version: 2,
      createdAt: new Date(COUNTY_NOW.getTime() - (scale.registrations - i) * 1000).toISOString(),
      updatedAt: at,
      history: [
        {
          from: null,
          to: 'submitted',
          at,
          by: { kind: 'user', openid: asOpenId(`parent-${i}`), role: 'parent' },
          reason: null,
        },
        {
          from: 'submitted',
          to: 'pending_review',
          at,
          by: { kind: 'system' },
          reason: `已进入${school.name}审核队列`,
        },
        ...(status === 'pending_review'
          ? []
          : [
              {
                from: 'pending_review' as const,
                to: status,
                at,
                by: { kind: 'system' as const },
                reason: null,
              },
            ]),
      ],
      ...(status === 'admitted'
        ? {
            placement: {
              runId: `${year}-${school.stage}:final`,
              schoolId: school.id,
              lottery: i,
              tierLabel: '一类',
              cutoff: null,
              explanation: `一类，摇号号码 ${i}。${school.name}学位充足，本类别全部录取。`,
            },
          }
        : {}),
    });
  }
  cloud.db.load(
    'registrations',
    regs.map((r) => ({ ...r, _id: r.id })),
  );
  cloud.db.load(
    'registrationClaims',
    regs
      .filter((r) => r.status !== 'withdrawn')
      .map((r) => ({ _id: r.childKey, registrationId: r.id, ownerOpenid: r.ownerOpenid, at })),
  );
  cloud.db.load(
    'files',
    regs.flatMap((r) =>
      Object.values(r.documents).map((d) => ({
        _id: d.fileId,
        id: d.fileId,
        ownerOpenid: r.ownerOpenid,
        sha256: d.sha256,
        mime: d.mime,
        size: d.size,
        createdAt: at,
      })),
    ),
  );
  for (const r of regs)
    for (const d of Object.values(r.documents)) cloud.storage.put(d.fileId, Buffer.from('jpeg'));

  // The census roster: most children registered, some not.
  const townships = [...new Set(schools.map((s) => s.township))];
  const census: CensusRecord[] = Array.from({ length: scale.census }, (_, i) => {
    const idNumber = i < regs.length * 0.7 ? (regs[i]?.idNumber ?? idOf(900_000 + i)) : idOf(900_000 + i);
    return {
      id: `${year}-${idNumber}`,
      year,
      child: {
        idNumber,
        name: `儿童${i}`,
        birthDate: asCstDate('2020-06-01'),
        township: townships[i % townships.length] as string,
        village: `第${i % 40}组`,
        guardian: `家长${i}`,
        phone: `138${String(i).padStart(8, '0')}`,
        groups: i % 9 === 0 ? ['留守儿童'] : [],
      },
      followUps: [],
      version: 1,
    };
  });
  cloud.db.load(
    'census',
    census.map((c) => ({ ...c, township: c.child.township, _id: c.id })),
  );

  // Each school's class split, published.
  // (p01's is left for the classing journey to make.)
  cloud.db.load(
    'classingPlans',
    schools
      .filter((s) => s.id !== 'p01')
      .map((s) => {
        const n = s.entryClasses * 45;
        const students = Array.from({ length: n }, (_, k) => ({
          id: `${s.id}-st${k}`,
          name: `学生${k}`,
          gender: k % 2 ? 'F' : 'M',
        }));
        const classes = Array.from({ length: s.entryClasses }, (_, c) =>
          students.filter((_, k) => k % s.entryClasses === c).map((x) => x.id),
        );
        return {
          _id: `${year}-${s.id}`,
          id: `${year}-${s.id}`,
          schoolId: s.id,
          year,
          stage: s.stage,
          status: 'published',
          source: 'admitted',
          input: { classes: s.entryClasses, cap: 45, subjects: [], students },
          seed: '1',
          classes,
          swaps: [],
          homeroom: null,
          publishedAt: at,
          version: 3,
          updatedAt: at,
        };
      }),
  );
  return { cloud, store, schools, registrations: regs };
}
