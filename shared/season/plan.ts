/**
 * The season generator (issue 17): a seeded, deterministic intake for the demo county — who
 * registers where, with which facts (tiers 1–4 from 户籍/房产/居住证, 随迁, 留守, 残疾, twins,
 * a reused property), which documents they upload, and what happens to them (the story: drafts
 * never submitted, withdrawals and re-registrations, returns and resubmits, refusals, registrations
 * made by the wrong account, late documents). Demand per school is set against its seats, so
 * some schools are oversubscribed and their draw decides. The plan is only data: the runner
 * (server/season/) plays it through the real cloud functions.
 */
import type { School, Zone } from '../county/types';
import { givenChars, streetWords, surnames, villageWords } from '../county/names';
import { idNumberCheckChar } from '../idNumber';
import { rngChance, rngFromSeed, rngInt, rngPick, rngShuffle, type Rng } from '../random';
import { documentSlots } from '../registration/documents';
import { disabilityCategories, emptyForm, type RegistrationForm } from '../registration/form';
import type { Stage } from '../settings';

/** Who acts: one of the demo accounts, or the n-th generated family account. */
export type AccountRef =
  | { readonly kind: 'demo'; readonly key: 'parent-wang' | 'parent-li' }
  | { readonly kind: 'family'; readonly n: number };

export const seasonStories = [
  /** Submits with every document; the school approves it. */
  'submit',
  /** Saves a draft (and maybe a photo) and never submits. */
  'draftOnly',
  /** Submits, then withdraws, and does not come back. */
  'withdraw',
  /** Submits, withdraws, and registers the same child again (linked to the first). */
  'withdrawAgain',
  /** The school returns it for more material; the family resubmits; approved. */
  'returned',
  /** Returned, and the family never resubmits (stays 需补充材料). */
  'returnedLapsed',
  /** The school refuses it with a reason. */
  'rejected',
  /** Submits with documents missing (缺件先报), uploads them from the registration; approved. */
  'lateDocuments',
  /** Another account registered the child first; the school voids that; the family registers; approved. */
  'squatted',
  /** Submits, then tries the same child again (refused); approved. */
  'duplicate',
  /** Submitted, and still 待审核 when the season's review stops. */
  'unreviewed',
] as const;
export type SeasonStory = (typeof seasonStories)[number];

export interface SeasonFamily {
  readonly n: number;
  readonly account: AccountRef;
  /** For 'squatted': the account that registered the child first. */
  readonly squatter: AccountRef | null;
  readonly form: RegistrationForm;
  /** Document slots uploaded before the first submit. */
  readonly documents: readonly string[];
  readonly story: SeasonStory;
  /** The school's refusal reason for 'rejected'. */
  readonly rejectCode: 'PROPERTY_REUSED' | 'DATA_MISMATCH' | null;
  /** 2: registers after every wave-1 family is stored (it reuses one of their properties). */
  readonly wave: 1 | 2;
}

export interface SeasonPlan {
  readonly seed: string;
  readonly year: number;
  readonly families: readonly SeasonFamily[];
  /** Generated family accounts (0 … accounts − 1), the squatters' included. */
  readonly accounts: number;
  /** Applicants per school the plan aims at (against its seats), for the report. */
  readonly demand: Readonly<Record<string, { readonly seats: number; readonly applicants: number }>>;
}

export interface SeasonOptions {
  readonly seed: string;
  readonly year: number;
  readonly schools: readonly School[];
  readonly zones: readonly Zone[];
  /** Seats per school as the county has them now (entry classes × the stage's class cap). */
  readonly seats: Readonly<Record<string, number>>;
  /** Only these zones take part (a smaller rehearsal); all when absent. */
  readonly zoneIds?: readonly string[];
  /** Applicants per seat, by school (the default below makes the town schools oversubscribed). */
  readonly demand?: Readonly<Record<string, number>>;
  /** Give the demo families (王女士, 李先生) their registrations. */
  readonly demoFamilies?: boolean;
}

/**
 * Applicants per seat. The first town school and the small village school of each stage draw
 * more families than they have seats (the draw decides; the zone's other school or 统筹 takes
 * the rest); the others have room.
 */
export const defaultDemand: Readonly<Record<string, number>> = {
  p01: 1.25,
  p02: 0.8,
  p03: 0.95,
  p04: 0.9,
  p05: 0.85,
  p06: 0.85,
  p07: 0.8,
  p08: 0.9,
  p09: 1.35,
  j01: 1.12,
  j02: 0.8,
  j03: 0.9,
  j04: 1.25,
};

/** The share of each story among generated families (the rest submit normally). */
const storyShares: readonly (readonly [SeasonStory, number])[] = [
  ['draftOnly', 0.04],
  ['withdraw', 0.015],
  ['withdrawAgain', 0.02],
  ['returned', 0.06],
  ['returnedLapsed', 0.01],
  ['rejected', 0.02],
  ['lateDocuments', 0.04],
  ['squatted', 0.008],
  ['duplicate', 0.01],
  ['unreviewed', 0.03],
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A checksummed ID number: region, birth date, sequence (odd = male, even = female). */
function idNumberOf(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${pad(seq, 3)}`;
  return first17 + idNumberCheckChar(first17);
}

const dateAdd = (year: number, dayOfYear: number): string => {
  const d = new Date(Date.UTC(year, 0, 1) + dayOfYear * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** A birth date in the cohort entering `stage` in `year` (born 1 Sep … 31 Aug). */
function birthOf(rng: Rng, stage: Stage, year: number): string {
  const startYear = year - (stage === 'primary' ? 7 : 13);
  const start = Date.UTC(startYear, 8, 1);
  const day = rngInt(rng, 0, 364);
  return new Date(start + day * 86_400_000).toISOString().slice(0, 10);
}

const nameOf = (rng: Rng, surname?: string) =>
  `${surname ?? rngPick(rng, surnames)}${rngPick(rng, givenChars)}${rngChance(rng, 0.6) ? rngPick(rng, givenChars) : ''}`;

/** The documents a form needs (its required slots). */
export function seasonDocuments(form: RegistrationForm): string[] {
  return documentSlots.filter((s) => s.required(form)).map((s) => s.key);
}

/** Builds the season's plan: deterministic for the same options. */
export function seasonPlanBuild(o: SeasonOptions): SeasonPlan {
  const rng = rngFromSeed(`junheng/season/v1|${o.seed}`);
  const demand = o.demand ?? defaultDemand;
  const zones = o.zones.filter((z) => !o.zoneIds || o.zoneIds.includes(z.id));
  const schoolIds = new Set(zones.flatMap((z) => z.schoolIds as readonly string[]));
  const schools = o.schools.filter((s) => schoolIds.has(s.id));
  const usedIds = new Set<string>();
  let account = 0;
  const families: SeasonFamily[] = [];
  const planned: Record<string, { seats: number; applicants: number }> = {};
  // Properties of resident families, for the few who reuse one (一房一学位).
  const properties: RegistrationForm['property'][] = [];

  const idFor = (birth: string, female: boolean): string => {
    for (;;) {
      const seq = rngInt(rng, 0, 499) * 2 + (female ? 0 : 1);
      const id = idNumberOf(rngPick(rng, ['330102', '330103', '330106', '330122']), birth, seq);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const formFor = (school: School, zone: Zone, stage: Stage): RegistrationForm => {
    const birth = birthOf(rng, stage, o.year);
    const female = rngChance(rng, 0.48);
    const surname = rngPick(rng, surnames);
    const childName = nameOf(rng, surname);
    const community = rngPick(rng, zone.communities);
    const town = school.locality === 'town';
    const street = town
      ? `${rngPick(rng, streetWords)}路${rngInt(rng, 1, 200)}号`
      : `${rngPick(rng, villageWords)}组${rngInt(rng, 1, 60)}号`;
    const address = `${zone.township}${community}${street}`;
    const father = {
      relation: '父亲' as const,
      name: nameOf(rng, surname),
      idNumber: idFor(dateAdd(rngInt(rng, 1978, 1994), rngInt(rng, 0, 364)), false),
      mobile: `13${rngInt(rng, 0, 9)}${pad(rngInt(rng, 0, 99_999_999), 8)}`,
    };
    const mother = {
      relation: '母亲' as const,
      name: nameOf(rng),
      idNumber: idFor(dateAdd(rngInt(rng, 1980, 1996), rngInt(rng, 0, 364)), true),
      mobile: `15${rngInt(rng, 0, 9)}${pad(rngInt(rng, 0, 99_999_999), 8)}`,
    };
    const guardians = rngChance(rng, 0.7) ? [mother, father] : [mother];
    const r = rng.nextUint32() / 2 ** 32;
    // Routes: 一类 户籍+房产 (55 %), 二类 户籍 only (15 %), 三类 房产 only (12 %), 四类 随迁 (18 %).
    const route = r < 0.82 ? 'resident' : 'migrant';
    const hukouInZone = r < 0.7;
    const hasProperty = r < 0.55 || (r >= 0.7 && r < 0.82);
    const leftBehind = !town && rngChance(rng, 0.12);
    const disability = rngChance(rng, 0.015) ? rngPick(rng, disabilityCategories) : null;
    const form: RegistrationForm = {
      ...emptyForm,
      stage,
      community,
      schoolId: school.id,
      childName,
      idNumber: idFor(birth, female),
      birthCertificateNo: `${rngPick(rng, ['O', 'P', 'Q', 'R'])}${pad(rngInt(rng, 0, 999_999_999), 9)}`,
      guardians,
      route,
      hukou:
        route === 'resident'
          ? {
              inCounty: true,
              inZone: hukouInZone,
              address,
              householdHead: father.name,
              childWithParent: !leftBehind,
            }
          : {
              inCounty: false,
              inZone: false,
              address: `四川省南充市${rngPick(rng, villageWords)}村`,
              householdHead: father.name,
              childWithParent: true,
            },
      property: hasProperty
        ? {
            inZone: true,
            type: rngChance(rng, 0.8) ? '不动产权证' : '商品房买卖合同',
            certificateNo: `浙(${rngInt(rng, 2008, o.year - 1)})青山县不动产权第${pad(rngInt(rng, 0, 9_999_999), 7)}号`,
            address,
            owners: `${father.name}、${mother.name}`,
            ownerRelation: '父母',
            sharePercent: 100,
            acquiredOn: dateAdd(rngInt(rng, 2008, o.year - 2), rngInt(rng, 0, 364)),
          }
        : null,
      migrant:
        route === 'migrant'
          ? {
              residencePermitNo: `3301${pad(rngInt(rng, 0, 99_999), 5)}${pad(rngInt(rng, 0, 999_999), 6)}`,
              residencePermitSince: dateAdd(o.year - rngInt(rng, 2, 6), rngInt(rng, 0, 364)),
              socialInsuranceMonths: rngInt(rng, 14, 60),
              rentalRegistered: true,
              rentalInZone: true,
              rentalAddress: address,
            }
          : null,
      special: {
        leftBehind,
        disability,
        hardship: rngChance(rng, 0.05),
        policyGroup: null,
        policyProofNo: '',
      },
    };
    return form;
  };

  const storyOf = (): SeasonStory => {
    let x = rng.nextUint32() / 2 ** 32;
    for (const [story, p] of storyShares) {
      if (x < p) return story;
      x -= p;
    }
    return 'submit';
  };

  for (const school of schools) {
    const zone = zones.find((z) => z.schoolIds.includes(school.id)) as Zone;
    const seats = o.seats[school.id] ?? 0;
    const applicants = Math.round(seats * (demand[school.id] ?? 0.9));
    planned[school.id] = { seats, applicants };
    for (let i = 0; i < applicants; i++) {
      const story = storyOf();
      const form = formFor(school, zone, school.stage);
      if (form.property) properties.push(form.property);
      const needs = seasonDocuments(form);
      const documents =
        story === 'lateDocuments'
          ? needs.slice(0, rngInt(rng, 0, Math.max(0, needs.length - 2)))
          : story === 'draftOnly'
            ? needs.slice(0, rngInt(rng, 0, 1))
            : needs;
      families.push({
        n: families.length,
        account: { kind: 'family', n: account++ },
        squatter: story === 'squatted' ? { kind: 'family', n: account++ } : null,
        form,
        documents,
        story,
        rejectCode: story === 'rejected' ? 'DATA_MISMATCH' : null,
        wave: 1,
      });
      // Twins (about 1 in 120): a second child, same family, same day, bound together.
      if (story === 'submit' && rngChance(rng, 0.008)) {
        const last = families[families.length - 1] as SeasonFamily;
        const twinId = idFor(
          last.form.idNumber.slice(6, 14).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
          rngChance(rng, 0.5),
        );
        const twin: RegistrationForm = {
          ...form,
          childName: nameOf(rng, form.childName.slice(0, 1)),
          idNumber: twinId,
          birthCertificateNo: `${form.birthCertificateNo.slice(0, 1)}${pad(rngInt(rng, 0, 999_999_999), 9)}`,
          twinIdNumbers: [form.idNumber],
        };
        families[families.length - 1] = { ...last, form: { ...form, twinIdNumbers: [twinId] } };
        families.push({ ...last, n: families.length, form: twin });
        i++;
      }
    }
  }

  // Every story at least once, however small the plan: a submitting family takes a missing one.
  for (const [story] of storyShares) {
    if (families.some((f) => f.story === story)) continue;
    const f = families.find((x) => x.story === 'submit' && x.form.twinIdNumbers.length === 0);
    if (!f) break;
    const needs = seasonDocuments(f.form);
    families[f.n] = {
      ...f,
      story,
      documents: story === 'lateDocuments' ? needs.slice(0, 1) : story === 'draftOnly' ? [] : needs,
      squatter: story === 'squatted' ? { kind: 'family', n: account++ } : null,
      rejectCode: story === 'rejected' ? 'DATA_MISMATCH' : null,
    };
  }

  // 一房一学位: a few families use a property an earlier family of the stage already used (other
  // guardians): flagged, and the school refuses them. They register in a second wave, after the
  // earlier use is stored, so the flag does not depend on timing.
  const resident = families.filter(
    (f) => f.story === 'submit' && f.form.property && f.form.twinIdNumbers.length === 0,
  );
  for (const f of rngShuffle(rng, resident).slice(0, Math.max(1, Math.floor(families.length / 150)))) {
    const donor = rngPick(
      rng,
      families.filter(
        (d) =>
          d !== f &&
          d.form.property &&
          d.form.stage === f.form.stage &&
          d.form.schoolId === f.form.schoolId &&
          d.wave === 1,
      ),
    );
    if (!donor?.form.property) continue;
    families[f.n] = {
      ...f,
      form: { ...f.form, property: { ...donor.form.property, owners: f.form.property?.owners ?? '' } },
      story: 'rejected',
      rejectCode: 'PROPERTY_REUSED',
      wave: 2,
    };
  }

  if (o.demoFamilies) {
    // 王女士: a first-grader at 城关第一小学 and a junior at 青山县实验中学; 李先生: a registration
    // returned for more material, and a withdrawn one he can register again.
    const demo = (key: 'parent-wang' | 'parent-li', schoolId: string, story: SeasonStory) => {
      const school = o.schools.find((s) => s.id === schoolId);
      const zone = o.zones.find((z) => z.schoolIds.includes(schoolId as never));
      if (!school || !zone || !schoolIds.has(schoolId)) return;
      const form = formFor(school, zone, school.stage);
      const fixed: RegistrationForm = {
        ...form,
        route: 'resident',
        hukou: { ...form.hukou, inZone: true, inCounty: true, childWithParent: true },
        migrant: null,
        property: form.property ?? {
          inZone: true,
          type: '不动产权证',
          certificateNo: `浙(2019)青山县不动产权第${pad(families.length, 7)}号`,
          address: form.hukou.address,
          owners: form.guardians.map((g) => g.name).join('、'),
          ownerRelation: '父母',
          sharePercent: 100,
          acquiredOn: '2019-06-01',
        },
      };
      families.push({
        n: families.length,
        account: { kind: 'demo', key },
        squatter: null,
        form: fixed,
        documents: seasonDocuments(fixed),
        story,
        rejectCode: null,
        wave: 1,
      });
    };
    demo('parent-wang', 'p01', 'submit');
    demo('parent-wang', 'j01', 'submit');
    demo('parent-li', 'p01', 'returnedLapsed');
    demo('parent-li', 'p02', 'withdraw');
  }

  return { seed: o.seed, year: o.year, families, accounts: account, demand: planned };
}

/**
 * Where each story leaves the family's current registration once a phase of the season is over
 * (after the draw, 'approved' ones are 已录取 or 统筹中); null: the family has none.
 */
export function seasonExpectedStatus(story: SeasonStory, phase: 'registered' | 'reviewed'): string | null {
  if (phase === 'registered') {
    if (story === 'draftOnly' || story === 'squatted') return null;
    return story === 'withdraw' ? 'withdrawn' : 'pending_review';
  }
  switch (story) {
    case 'draftOnly':
      return null;
    case 'withdraw':
      return 'withdrawn';
    case 'returnedLapsed':
      return 'needs_more';
    case 'rejected':
      return 'rejected';
    case 'unreviewed':
      return 'pending_review';
    default:
      return 'approved';
  }
}
