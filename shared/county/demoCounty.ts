/**
 * A synthetic demo county (青山县) generated from a seeded random generator: schools in town and
 * village, residence zones, teachers with subjects, titles, backbone flags and years at school,
 * and one demo account per role. The same seed always gives the same county, so demos, browser
 * tests and screenshots are reproducible.
 */
import { defaultRotationSettings, rotationEligibility } from '../rotation/eligibility';
import {
  asOpenId,
  asSchoolId,
  asTeacherId,
  asZoneId,
  type OpenId,
  type SchoolId,
  type TeacherId,
} from '../brand';
import type { Gender } from '../idNumber';
import type { StaffRole } from '../identity/roles';
import { rngChance, rngInt, rngPick, rngShuffle, type Rng } from '../random';
import type { Stage } from '../settings';
import { givenChars, streetWords, surnames, villageWords } from './names';
import type { BackboneLevel, EducationLevel, Locality, School, Teacher, TeacherTitle, Zone } from './types';

export const DEMO_COUNTY_NAME = '青山县';

/** A seeded account shown on the local demo sign-in page. */
export interface DemoAccount {
  readonly key: string;
  readonly openid: OpenId;
  readonly role: StaffRole | 'parent';
  readonly displayName: string;
  readonly schoolId: SchoolId | null;
  readonly teacherId: TeacherId | null;
  readonly hint: string;
}

export interface DemoCounty {
  readonly name: string;
  readonly schools: readonly School[];
  readonly zones: readonly Zone[];
  readonly teachers: readonly Teacher[];
  readonly accounts: readonly DemoAccount[];
}

interface SchoolPlan {
  readonly key: string;
  readonly name: string;
  readonly stage: Stage;
  readonly locality: Locality;
  readonly township: string;
  readonly enrolment: readonly [number, number];
}

const schoolPlans: readonly SchoolPlan[] = [
  {
    key: 'p01',
    name: '城关第一小学',
    stage: 'primary',
    locality: 'town',
    township: '城关镇',
    enrolment: [1500, 1800],
  },
  {
    key: 'p02',
    name: '城关第二小学',
    stage: 'primary',
    locality: 'town',
    township: '城关镇',
    enrolment: [1300, 1600],
  },
  {
    key: 'p03',
    name: '城关第三小学',
    stage: 'primary',
    locality: 'town',
    township: '城关镇',
    enrolment: [900, 1200],
  },
  {
    key: 'p04',
    name: '东溪镇中心小学',
    stage: 'primary',
    locality: 'town',
    township: '东溪镇',
    enrolment: [600, 800],
  },
  {
    key: 'p05',
    name: '石桥乡中心小学',
    stage: 'primary',
    locality: 'village',
    township: '石桥乡',
    enrolment: [350, 500],
  },
  {
    key: 'p06',
    name: '云岭乡中心小学',
    stage: 'primary',
    locality: 'village',
    township: '云岭乡',
    enrolment: [300, 450],
  },
  {
    key: 'p07',
    name: '柳河乡中心小学',
    stage: 'primary',
    locality: 'village',
    township: '柳河乡',
    enrolment: [250, 400],
  },
  {
    key: 'p08',
    name: '东溪镇白沙村小学',
    stage: 'primary',
    locality: 'village',
    township: '东溪镇',
    enrolment: [90, 160],
  },
  {
    key: 'p09',
    name: '石桥乡岭下村小学',
    stage: 'primary',
    locality: 'village',
    township: '石桥乡',
    enrolment: [60, 120],
  },
  {
    key: 'j01',
    name: '青山县实验中学',
    stage: 'junior',
    locality: 'town',
    township: '城关镇',
    enrolment: [1600, 2000],
  },
  {
    key: 'j02',
    name: '城关第二中学',
    stage: 'junior',
    locality: 'town',
    township: '城关镇',
    enrolment: [1100, 1400],
  },
  {
    key: 'j03',
    name: '东溪镇初级中学',
    stage: 'junior',
    locality: 'town',
    township: '东溪镇',
    enrolment: [600, 900],
  },
  {
    key: 'j04',
    name: '云岭乡初级中学',
    stage: 'junior',
    locality: 'village',
    township: '云岭乡',
    enrolment: [350, 550],
  },
];

/** Zones: name, stage, township, the schools that serve it, and whether it is a town zone. */
/** Township seats on the demo county map (km from the county seat); schools sit around them. */
const townshipAt: Record<string, readonly [number, number]> = {
  城关镇: [0, 0],
  东溪镇: [12, 3],
  石桥乡: [8, -10],
  云岭乡: [-9, 14],
  柳河乡: [-15, -6],
};

const zonePlans: readonly {
  key: string;
  name: string;
  stage: Stage;
  township: string;
  schools: readonly string[];
  town: boolean;
  /** A village zone named after its village includes that village. */
  village?: string;
}[] = [
  {
    key: 'zp-cg-east',
    name: '城关东片学区',
    stage: 'primary',
    township: '城关镇',
    schools: ['p01', 'p02'],
    town: true,
  },
  {
    key: 'zp-cg-west',
    name: '城关西片学区',
    stage: 'primary',
    township: '城关镇',
    schools: ['p03'],
    town: true,
  },
  { key: 'zp-dx', name: '东溪镇学区', stage: 'primary', township: '东溪镇', schools: ['p04'], town: true },
  {
    key: 'zp-dx-bs',
    name: '白沙村学区',
    stage: 'primary',
    township: '东溪镇',
    schools: ['p08'],
    town: false,
    village: '白沙',
  },
  { key: 'zp-sq', name: '石桥乡学区', stage: 'primary', township: '石桥乡', schools: ['p05'], town: false },
  {
    key: 'zp-sq-lx',
    name: '岭下村学区',
    stage: 'primary',
    township: '石桥乡',
    schools: ['p09'],
    town: false,
    village: '岭下',
  },
  { key: 'zp-yl', name: '云岭乡学区', stage: 'primary', township: '云岭乡', schools: ['p06'], town: false },
  { key: 'zp-lh', name: '柳河乡学区', stage: 'primary', township: '柳河乡', schools: ['p07'], town: false },
  {
    key: 'zj-cg',
    name: '城关初中学区',
    stage: 'junior',
    township: '城关镇',
    schools: ['j01', 'j02'],
    town: true,
  },
  {
    key: 'zj-dx',
    name: '东溪石桥初中学区',
    stage: 'junior',
    township: '东溪镇',
    schools: ['j03'],
    town: true,
  },
  {
    key: 'zj-yl',
    name: '云岭柳河初中学区',
    stage: 'junior',
    township: '云岭乡',
    schools: ['j04'],
    town: false,
  },
];

const primarySubjects = [
  ['语文', 30],
  ['数学', 25],
  ['英语', 10],
  ['科学', 6],
  ['体育', 8],
  ['音乐', 5],
  ['美术', 5],
  ['道德与法治', 6],
  ['信息技术', 3],
] as const;
const juniorSubjects = [
  ['语文', 16],
  ['数学', 16],
  ['英语', 14],
  ['物理', 8],
  ['化学', 6],
  ['生物', 6],
  ['历史', 6],
  ['地理', 6],
  ['道德与法治', 6],
  ['体育', 7],
  ['音乐', 3],
  ['美术', 3],
  ['信息技术', 3],
] as const;

function weightedPick(rng: Rng, table: readonly (readonly [string, number])[]): string {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rngInt(rng, 1, total);
  for (const [name, w] of table) {
    x -= w;
    if (x <= 0) return name;
  }
  return (table[table.length - 1] as readonly [string, number])[0];
}

function personName(rng: Rng): string {
  const given = rngChance(rng, 0.6)
    ? rngPick(rng, givenChars) + rngPick(rng, givenChars)
    : rngPick(rng, givenChars);
  return rngPick(rng, surnames) + given;
}

function titleFor(rng: Rng, age: number): TeacherTitle {
  if (age < 25) return rngChance(rng, 0.5) ? '未定级' : '二级教师';
  if (age < 32) return rngChance(rng, 0.7) ? '二级教师' : '一级教师';
  if (age < 45) return rngChance(rng, 0.65) ? '一级教师' : '高级教师';
  return rngChance(rng, 0.08) ? '正高级教师' : rngChance(rng, 0.6) ? '高级教师' : '一级教师';
}

function educationFor(rng: Rng, locality: Locality, age: number): EducationLevel {
  const r = rngInt(rng, 1, 100);
  const old = age >= 48;
  if (locality === 'town') return r <= 8 ? '研究生' : r <= (old ? 70 : 85) ? '本科' : '专科';
  return r <= (old ? 25 : 45) ? '本科' : r <= 92 ? '专科' : '中专';
}

function backboneFor(rng: Rng, locality: Locality, title: TeacherTitle): BackboneLevel {
  const senior = title === '高级教师' || title === '正高级教师';
  const p = (locality === 'town' ? 0.12 : 0.04) + (senior ? 0.12 : 0);
  if (!rngChance(rng, p)) return 'none';
  const r = rngInt(rng, 1, 10);
  return r <= 6 ? 'county' : r <= 9 ? 'city' : 'province';
}

/**
 * Draws each zone's communities without replacement from its township's pool, so within a stage
 * every community belongs to exactly one zone (an address must resolve to one zone).
 */
function zonesCommunities(rng: Rng): Map<string, string[]> {
  const pools = new Map<string, string[]>();
  const out = new Map<string, string[]>();
  for (const z of zonePlans) {
    const key = `${z.stage}|${z.township}|${z.town ? 'town' : 'village'}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = rngShuffle(rng, z.town ? streetWords : villageWords);
      pools.set(key, pool);
    }
    const words: string[] = [];
    if (z.village) {
      words.push(z.village);
      pool.splice(pool.indexOf(z.village), 1);
    }
    while (words.length < (z.town ? 4 : 3)) words.push(pool.shift() as string);
    out.set(
      z.key,
      words.map((w, i) =>
        z.town ? `${z.township}${w}${i % 2 === 0 ? '路社区' : '小区'}` : `${z.township}${w}村`,
      ),
    );
  }
  return out;
}

/**
 * Generates the demo county. `referenceYear` is the calendar year the data describes (teachers'
 * ages are computed against it); it is an argument so the county does not drift with the clock.
 */
export function demoCountyGenerate(rng: Rng, referenceYear: number): DemoCounty {
  const schools: School[] = schoolPlans.map((p, k) => {
    const [tx, ty] = townshipAt[p.township] ?? [0, 0];
    // Fixed offsets (not drawn from the generator, so the county's random stream is unchanged).
    const location = { x: tx + ((k % 3) - 1) * 1.5, y: ty + ((Math.floor(k / 3) % 3) - 1) * 1.5 };
    const enrolment = rngInt(rng, p.enrolment[0], p.enrolment[1]);
    const cap = p.stage === 'primary' ? 45 : 50;
    const perGrade = enrolment / (p.stage === 'primary' ? 6 : 3);
    const richer = p.locality === 'town';
    return {
      id: asSchoolId(p.key),
      name: p.name,
      stage: p.stage,
      locality: p.locality,
      township: p.township,
      location,
      entryClasses: Math.max(1, Math.ceil(perGrade / cap)),
      enrolment,
      facilities: {
        teachingAreaM2: Math.round(enrolment * (rngInt(rng, richer ? 45 : 38, richer ? 70 : 60) / 10)),
        sportsAreaM2: Math.round(enrolment * (rngInt(rng, richer ? 60 : 70, richer ? 110 : 140) / 10)),
        equipmentValueYuan: enrolment * rngInt(rng, richer ? 2200 : 1500, richer ? 3400 : 2600),
        multimediaRooms: Math.max(1, Math.round((enrolment / 100) * (rngInt(rng, 18, 32) / 10))),
      },
    };
  });

  const teachers: Teacher[] = [];
  for (const school of schools) {
    const ratio = school.stage === 'primary' ? 17 : 12.5;
    const count = Math.max(6, Math.round(school.enrolment / ratio));
    const subjects = school.stage === 'primary' ? primarySubjects : juniorSubjects;
    for (let i = 0; i < count; i++) {
      const gender: Gender = rngChance(rng, school.stage === 'primary' ? 0.72 : 0.58) ? 'F' : 'M';
      const age = rngInt(rng, 23, 58);
      const title = titleFor(rng, age);
      teachers.push({
        id: asTeacherId(`${school.id}-t${String(i + 1).padStart(3, '0')}`),
        name: personName(rng),
        gender,
        birthYear: referenceYear - age,
        schoolId: school.id,
        subject: weightedPick(rng, subjects),
        title,
        backbone: backboneFor(rng, school.locality, title),
        education: educationFor(rng, school.locality, age),
        yearsAtSchool: rngInt(rng, 0, Math.min(26, age - 22)),
        isPrincipal: false,
      });
      // Village teachers' years at their school count as rural service (derived, not drawn, so
      // the county's random stream is unchanged).
      const last = teachers[teachers.length - 1] as Teacher;
      if (school.locality === 'village' && last.yearsAtSchool > 0)
        teachers[teachers.length - 1] = { ...last, ruralMonths: last.yearsAtSchool * 12 };
    }
    // The principal: the most senior teacher of the school by age, a stable choice.
    let head = teachers.length - count;
    for (let i = teachers.length - count; i < teachers.length; i++) {
      if ((teachers[i] as Teacher).birthYear < (teachers[head] as Teacher).birthYear) head = i;
    }
    teachers[head] = { ...(teachers[head] as Teacher), isPrincipal: true };
  }

  const communities = zonesCommunities(rng);
  const zones: Zone[] = zonePlans.map((z) => ({
    id: asZoneId(z.key),
    name: z.name,
    stage: z.stage,
    township: z.township,
    schoolIds: z.schools.map(asSchoolId),
    communities: communities.get(z.key) ?? [],
  }));

  const p01 = asSchoolId('p01');
  const principal = teachers.find((t) => t.schoolId === p01 && t.isPrincipal) as Teacher;
  // The demo teacher is due to rotate this year, so the 交流轮岗 journey has someone to move.
  const teacher = teachers.find(
    (t) =>
      t.schoolId === p01 &&
      !t.isPrincipal &&
      rotationEligibility(t, referenceYear, defaultRotationSettings).eligible,
  ) as Teacher;
  const reviewer = teachers.find(
    (t) => t.schoolId === p01 && !t.isPrincipal && t.id !== teacher.id && t.subject === '语文',
  ) as Teacher;
  const accounts: DemoAccount[] = [
    {
      key: 'parent-wang',
      openid: asOpenId('demo-parent-wang'),
      role: 'parent',
      displayName: '王女士（家长）',
      schoolId: null,
      teacherId: null,
      hint: '为孩子报名、查看审核结果',
    },
    {
      key: 'parent-li',
      openid: asOpenId('demo-parent-li'),
      role: 'parent',
      displayName: '李先生（家长）',
      schoolId: null,
      teacherId: null,
      hint: '另一位家长，看不到王女士的报名',
    },
    {
      key: 'principal-p01',
      openid: asOpenId('demo-principal-p01'),
      role: 'principal',
      displayName: `${principal.name}（城关第一小学校长）`,
      schoolId: p01,
      teacherId: principal.id,
      hint: '审核本校报名',
    },
    {
      key: 'reviewer-p01',
      openid: asOpenId('demo-reviewer-p01'),
      role: 'reviewer',
      displayName: `${reviewer.name}（城关第一小学审核员）`,
      schoolId: p01,
      teacherId: reviewer.id,
      hint: '受校长委托审核报名（开启两级审核时做初审）',
    },
    {
      key: 'teacher-p01',
      openid: asOpenId('demo-teacher-p01'),
      role: 'teacher',
      displayName: `${teacher.name}（城关第一小学${teacher.subject}教师）`,
      schoolId: p01,
      teacherId: teacher.id,
      hint: '查看本人交流轮岗通知',
    },
    {
      key: 'bureau-admin',
      openid: asOpenId('demo-bureau-admin'),
      role: 'bureau',
      displayName: '县教育局管理员',
      schoolId: null,
      teacherId: null,
      hint: '全县概况、发放邀请码',
    },
  ];

  return { name: DEMO_COUNTY_NAME, schools, zones, teachers, accounts };
}
