/**
 * Reading a census workbook and merging it into the roster (控辍保学). Columns are found by their
 * header text, never by position, so the template, the export and a hand-made sheet with the
 * columns in another order all read the same; a sheet missing a template column is refused with
 * the expected headers named. A merge adds new children and updates changed fields by identity
 * number and never touches follow-ups; taking children off the roster is a separate, confirmed
 * step (see `censusMergePlan`'s `absent`).
 */
import { sha256Hex } from '../sha256';
import { utf8Encode } from '../utf8';
import { censusId, censusTableHeader, type CensusChild, type CensusRecord } from './census';

/** Columns the export adds after the template's (read back without complaint, never imported). */
export const censusExportOnlyHeader = ['状态', '跟踪记录'] as const;

/** Other spellings officers use for the template's headers. */
const aliases: Readonly<Record<string, (typeof censusTableHeader)[number]>> = {
  身份证号码: '身份证号',
  公民身份号码: '身份证号',
  儿童身份证号: '身份证号',
  儿童姓名: '姓名',
  '乡镇（街道）': '乡镇',
  乡镇街道: '乡镇',
  村: '村（社区）',
  社区: '村（社区）',
  '村/社区': '村（社区）',
  村社区: '村（社区）',
  监护人姓名: '监护人',
  手机号: '联系电话',
  手机号码: '联系电话',
  电话: '联系电话',
  特殊群体: '类别',
};

/** Header text as written → comparable text (spaces dropped, half-width brackets made full-width). */
const headerKey = (s: string) =>
  s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/／/g, '/');

/** Template columns a sheet may leave out (the template's 填写说明 marks them 选填), by child field. */
export const censusOptionalColumns = {
  '村（社区）': 'village',
  监护人: 'guardian',
  联系电话: 'phone',
  类别: 'groups',
} as const satisfies Partial<Record<(typeof censusTableHeader)[number], keyof CensusChild>>;
export type CensusOptionalColumn = keyof typeof censusOptionalColumns;

export type CensusColumns =
  | {
      readonly status: 'ok';
      /** For each template column (in template order), its position in the sheet, -1 if left out. */
      readonly positions: readonly number[];
      /** Optional columns the sheet leaves out: a merge keeps what the roster has for them. */
      readonly absent: readonly CensusOptionalColumn[];
      /** Headers in the sheet that are neither template nor export columns (their cells are ignored). */
      readonly ignored: readonly string[];
    }
  | { readonly status: 'invalid'; readonly message: string };

export const censusExpectedHeaders = `名册第一行应为：${censusTableHeader.join('、')}（列的顺序不限，可下载导入模板）。`;

/** Finds the template's columns in a sheet's first row by their header text. */
export function censusColumns(header: readonly string[]): CensusColumns {
  const positions = new Map<string, number>();
  const ignored: string[] = [];
  const duplicated: string[] = [];
  header.forEach((raw, i) => {
    const k = headerKey(raw);
    if (!k) return;
    const name =
      (censusTableHeader as readonly string[]).find((h) => headerKey(h) === k) ?? aliases[k] ?? null;
    if (name === null) {
      if (!(censusExportOnlyHeader as readonly string[]).includes(k)) ignored.push(raw.trim());
      return;
    }
    if (positions.has(name)) duplicated.push(name);
    else positions.set(name, i);
  });
  if (duplicated.length > 0)
    return {
      status: 'invalid',
      message: `表头中“${[...new Set(duplicated)].join('”“')}”出现了不止一次。${censusExpectedHeaders}`,
    };
  const optional = (h: string): h is CensusOptionalColumn => h in censusOptionalColumns;
  const missing = censusTableHeader.filter((h) => !positions.has(h) && !optional(h));
  if (missing.length > 0)
    return {
      status: 'invalid',
      message: `表头与适龄儿童名册模板不一致，缺少“${missing.join('”“')}”列。${censusExpectedHeaders}`,
    };
  return {
    status: 'ok',
    positions: censusTableHeader.map((h) => positions.get(h) ?? -1),
    absent: censusTableHeader.filter((h): h is CensusOptionalColumn => optional(h) && !positions.has(h)),
    ignored,
  };
}

/** A sheet's row in template column order (a column left out reads as empty). */
export const censusRowPick = (cells: readonly string[], positions: readonly number[]): string[] =>
  positions.map((p) => (p < 0 ? '' : (cells[p] ?? '')));

const sameChild = (a: CensusChild, b: CensusChild) =>
  a.name === b.name &&
  a.township === b.township &&
  a.village === b.village &&
  a.guardian === b.guardian &&
  a.phone === b.phone &&
  a.groups.join('、') === b.groups.join('、');

export interface CensusMergePlan {
  /** Children not on the roster yet. */
  readonly added: readonly { readonly id: string; readonly child: CensusChild }[];
  /** Children on the roster whose fields the sheet changes (follow-ups stay as they are). */
  readonly changed: readonly { readonly id: string; readonly child: CensusChild }[];
  readonly unchanged: number;
  /** Children on the roster the sheet does not list: kept by a merge, removed only by a confirmed replace. */
  readonly absent: readonly CensusRecord[];
}

/** What importing `children` into a year's roster would do, by identity number. */
export function censusMergePlan(
  year: number,
  children: readonly CensusChild[],
  roster: readonly CensusRecord[],
  absent: readonly CensusOptionalColumn[] = [],
): CensusMergePlan {
  const byId = new Map(roster.map((r) => [r.id, r]));
  const listed = new Set<string>();
  const added: { id: string; child: CensusChild }[] = [];
  const changed: { id: string; child: CensusChild }[] = [];
  let unchanged = 0;
  for (const sheetChild of children) {
    const id = censusId(year, sheetChild.idNumber);
    listed.add(id);
    const cur = byId.get(id);
    // A column the sheet leaves out is not an instruction to blank it: the roster's value stays.
    const child = cur
      ? absent.reduce<CensusChild>(
          (c, col) => ({ ...c, [censusOptionalColumns[col]]: cur.child[censusOptionalColumns[col]] }),
          sheetChild,
        )
      : sheetChild;
    if (!cur) added.push({ id, child });
    else if (!sameChild(cur.child, child)) changed.push({ id, child });
    else unchanged++;
  }
  return { added, changed, unchanged, absent: roster.filter((r) => !listed.has(r.id)) };
}

/**
 * The token an officer's confirmation carries: the children a replace would take off the roster.
 * A replace runs only if it would remove exactly the children the officer was shown.
 */
export const censusRemovalToken = (absent: readonly Pick<CensusRecord, 'id'>[]): string =>
  sha256Hex(utf8Encode(absent.map((r) => r.id).join('\n')));

/** What an import or replace did (or, in a preview, would do). */
export interface CensusImportCounts {
  /** Children in the sheet. */
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Header texts of columns the import did not read. */
  readonly ignoredColumns: readonly string[];
}

/** A child a replace would take off the roster, as the officer is shown it. */
export interface CensusRemoval {
  readonly id: string;
  readonly name: string;
  readonly idMasked: string;
  readonly township: string;
  readonly village: string;
  readonly followUps: number;
}

export interface CensusReplacePreview extends CensusImportCounts {
  readonly removed: readonly CensusRemoval[];
  /** Sent back with the replace: it goes ahead only if it would remove exactly these children. */
  readonly confirm: string;
}
