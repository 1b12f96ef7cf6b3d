/**
 * 控辍保学: the school-age census roster (适龄儿童名册) as a table, parsed with row-level problems,
 * then compared with the cycle's registrations by identity number — who is not registered, who is
 * registered but not placed, who is placed but has not reported to school — with a summary per
 * township and its 入学率. Pure: the function reads the registrations and passes plain facts.
 */
import type { CstDate } from '../brand';
import { idNumberMask, idNumberParse } from '../idNumber';
import type { SheetRowProblem } from '../importProblems';
import { registrationApplying, type RegistrationStatus } from '../registration/status';

export const censusTableHeader = [
  '身份证号',
  '姓名',
  '乡镇',
  '村（社区）',
  '监护人',
  '联系电话',
  '类别',
] as const;

/** Groups the bureau follows separately (they are reported apart). */
export const censusGroups = ['随迁子女', '留守儿童', '残疾儿童', '困难家庭'] as const;
export type CensusGroup = (typeof censusGroups)[number];

export interface CensusChild {
  readonly idNumber: string;
  readonly name: string;
  readonly birthDate: CstDate;
  readonly township: string;
  readonly village: string;
  readonly guardian: string;
  readonly phone: string;
  readonly groups: readonly CensusGroup[];
}

/** A roster row's problem (one sheet: no sheet name). */
export type CensusRowProblem = Omit<SheetRowProblem, 'sheet'>;

export type CensusParse =
  | { readonly status: 'valid'; readonly children: readonly CensusChild[] }
  | { readonly status: 'invalid'; readonly problems: readonly CensusRowProblem[] };

export function censusTableParse(rows: readonly (readonly string[])[]): CensusParse {
  const problems: CensusRowProblem[] = [];
  const children: CensusChild[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 2;
    const c = raw.map((x) => x.trim());
    if (c.every((x) => !x)) return;
    const bad = (message: string) => problems.push({ row, message });
    const [idRaw = '', name = '', township = '', village = '', guardian = '', phone = '', groupText = ''] = c;
    const id = idNumberParse(idRaw);
    if (id.status === 'invalid') bad(id.reason);
    else if (seen.has(id.idNumber)) bad(`身份证号与第${seen.get(id.idNumber)}行重复。`);
    if (!name) bad('请填写姓名。');
    if (!township) bad('请填写乡镇。');
    if (phone && !/^1\d{10}$/.test(phone)) bad('联系电话应为11位手机号。');
    const groups = groupText
      .split(/[、,，;；\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    const unknown = groups.filter((g) => !(censusGroups as readonly string[]).includes(g));
    if (unknown.length > 0) bad(`类别“${unknown.join('、')}”无法识别，可填：${censusGroups.join('、')}。`);
    if (id.status !== 'valid' || !name || !township || unknown.length > 0) return;
    seen.set(id.idNumber, row);
    children.push({
      idNumber: id.idNumber,
      name,
      birthDate: id.birthDate,
      township,
      village,
      guardian,
      phone,
      groups: groups as CensusGroup[],
    });
  });
  if (children.length === 0 && problems.length === 0) problems.push({ row: 2, message: '名册中没有数据。' });
  return problems.length > 0 ? { status: 'invalid', problems } : { status: 'valid', children };
}

/** Where a registration has got to, as far as the roster cares. */
export type EnrolmentStage = 'registered' | 'placed' | 'reported';

/** How far a registration has got, as the roster counts it (null: not applying, so not counted). */
export function enrolmentStageOf(r: { readonly status: RegistrationStatus }): EnrolmentStage | null {
  if (!registrationApplying(r.status)) return null;
  if (r.status === 'reported') return 'reported';
  if (r.status === 'admitted' || r.status === 'coordinating') return 'placed';
  return 'registered';
}

export const censusBuckets = ['not_registered', 'not_placed', 'not_reported', 'reported'] as const;
export type CensusBucket = (typeof censusBuckets)[number];

export const censusBucketLabels: Readonly<Record<CensusBucket, string>> = {
  not_registered: '未报名',
  not_placed: '已报名未录取',
  not_reported: '已录取未报到',
  reported: '已报到',
};

export interface CensusRow {
  readonly idMasked: string;
  readonly name: string;
  readonly township: string;
  readonly village: string;
  readonly groups: readonly CensusGroup[];
  readonly bucket: CensusBucket;
  readonly registrationId: string | null;
}

export interface TownshipSummary {
  readonly township: string;
  readonly children: number;
  readonly counts: Readonly<Record<CensusBucket, number>>;
  /** Placed or reported, over the roster. */
  readonly enrolmentRate: number;
}

/**
 * Compares the roster with registrations (by identity number). A child registered twice counts
 * once, at the furthest stage reached.
 */
export function censusCompare(
  children: readonly CensusChild[],
  registrations: readonly {
    readonly id: string;
    readonly idNumber: string;
    readonly stage: EnrolmentStage;
  }[],
): { rows: CensusRow[]; townships: TownshipSummary[] } {
  const order: Record<EnrolmentStage, number> = { registered: 0, placed: 1, reported: 2 };
  const best = new Map<string, { id: string; stage: EnrolmentStage }>();
  for (const r of registrations) {
    const key = r.idNumber.toUpperCase();
    const cur = best.get(key);
    if (!cur || order[r.stage] > order[cur.stage]) best.set(key, { id: r.id, stage: r.stage });
  }
  const rows: CensusRow[] = children.map((c) => {
    const r = best.get(c.idNumber);
    const bucket: CensusBucket = !r
      ? 'not_registered'
      : r.stage === 'registered'
        ? 'not_placed'
        : r.stage === 'placed'
          ? 'not_reported'
          : 'reported';
    return {
      idMasked: idNumberMask(c.idNumber),
      name: c.name,
      township: c.township,
      village: c.village,
      groups: c.groups,
      bucket,
      registrationId: r?.id ?? null,
    };
  });
  const byTownship = new Map<string, CensusRow[]>();
  for (const r of rows)
    (byTownship.get(r.township) ?? byTownship.set(r.township, []).get(r.township))?.push(r);
  const townships = [...byTownship]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([township, list]) => {
      const counts = { not_registered: 0, not_placed: 0, not_reported: 0, reported: 0 };
      for (const r of list) counts[r.bucket]++;
      return {
        township,
        children: list.length,
        counts,
        enrolmentRate: (counts.not_reported + counts.reported) / list.length,
      };
    });
  return { rows, townships };
}

/** 劝返 and follow-up outcomes recorded per child. */
export const followUpOutcomes = ['已劝返入学', '已在外地就读', '因病缓学', '仍在劝返', '其他'] as const;
export type FollowUpOutcome = (typeof followUpOutcomes)[number];

export interface FollowUp {
  readonly at: string;
  readonly by: string;
  /** What was done (a call, a home visit…) and what was said. */
  readonly text: string;
  readonly outcome: FollowUpOutcome | null;
}

/** A child on the year's census roster, with the follow-up records (控辍保学 台账). */
export interface CensusRecord {
  /** `${year}-${idNumber}` */
  readonly id: string;
  readonly year: number;
  readonly child: CensusChild;
  readonly followUps: readonly FollowUp[];
  readonly version: number;
}

export const censusId = (year: number, idNumber: string) => `${year}-${idNumber}`;
