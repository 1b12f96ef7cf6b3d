/**
 * The bureau's zone table as rows (one zone per row, lists separated by 、), parsed with a
 * row-level report: every problem names its row and says what to fix. Nothing is imported
 * unless every row is right.
 */
import { asSchoolId, asZoneId } from '../brand';
import type { SheetRowProblem } from '../importProblems';
import type { School, Zone } from './types';

export const zoneTableHeader = ['学区代码', '学区名称', '学段', '乡镇', '学校代码', '覆盖社区/村'] as const;

/** A zone row's problem (one sheet: no sheet name). */
export type ZoneRowProblem = Omit<SheetRowProblem, 'sheet'>;

export type ZoneTableParse =
  | { readonly status: 'valid'; readonly zones: readonly Zone[] }
  | { readonly status: 'invalid'; readonly problems: readonly ZoneRowProblem[] };

const split = (s: string): string[] =>
  s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const stageOf: Record<string, 'primary' | 'junior'> = { 小学: 'primary', 初中: 'junior' };

/** A zone as a row (the inverse of parsing; used for the template/export). */
export function zoneRow(z: Zone): string[] {
  return [
    z.id,
    z.name,
    z.stage === 'primary' ? '小学' : '初中',
    z.township,
    z.schoolIds.join('、'),
    z.communities.join('、'),
  ];
}

/** Parses data rows (without the header) against the county's schools. */
export function zoneTableParse(
  rows: readonly (readonly string[])[],
  schools: readonly School[],
): ZoneTableParse {
  const problems: ZoneRowProblem[] = [];
  const zones: Zone[] = [];
  const byId = new Map(schools.map((s) => [s.id as string, s]));
  const seenIds = new Set<string>();
  const seenCommunity = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const [id = '', name = '', stageText = '', township = '', schoolText = '', communityText = ''] =
      cells.map((c) => c.trim());
    if (!id && !name && !schoolText && !communityText) return; // blank line
    const bad = (message: string) => problems.push({ row, message });
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) bad('学区代码应为1至40位字母、数字、下划线或短横线。');
    else if (seenIds.has(id)) bad(`学区代码“${id}”重复。`);
    if (!name) bad('请填写学区名称。');
    const stage = stageOf[stageText];
    if (!stage) bad('学段应填“小学”或“初中”。');
    if (!township) bad('请填写乡镇。');
    const schoolIds = split(schoolText);
    if (schoolIds.length === 0) bad('请填写至少一个学校代码。');
    for (const sid of schoolIds) {
      const school = byId.get(sid);
      if (!school) bad(`学校代码“${sid}”不存在。`);
      else if (stage && school.stage !== stage) bad(`学校“${school.name}”不是${stageText}。`);
    }
    const communities = split(communityText);
    if (communities.length === 0) bad('请填写该学区覆盖的社区或村。');
    for (const c of communities) {
      const key = `${stage}|${c}`;
      const first = seenCommunity.get(key);
      if (first !== undefined) bad(`“${c}”已在第${first}行的学区中：同一学段每个社区只能属于一个学区。`);
      else seenCommunity.set(key, row);
    }
    seenIds.add(id);
    if (stage) {
      zones.push({
        id: asZoneId(id),
        name,
        stage,
        township,
        schoolIds: schoolIds.map(asSchoolId),
        communities,
      });
    }
  });
  if (zones.length === 0 && problems.length === 0) problems.push({ row: 2, message: '表格中没有学区数据。' });
  return problems.length > 0 ? { status: 'invalid', problems } : { status: 'valid', zones };
}
