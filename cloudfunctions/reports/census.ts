/**
 * The census roster (适龄儿童名册) in Excel. Import merges by identity number (new children added,
 * changed fields updated, every follow-up kept, nobody removed); replacing the roster is its own
 * two-step action — a preview naming who would be taken off, then the replace carrying the
 * officer's confirmation of exactly that list — and every child taken off is written to the audit
 * log with the whole record first. The template has exactly the import's columns; the export has
 * them too (full identity numbers, so it can be edited and imported back; the download is audited)
 * plus each child's standing and follow-ups, and a township summary.
 */
import ExcelJS from 'exceljs';
import { fail, ok, type Fail, type Ok } from '../../shared/errors';
import { idNumberMask } from '../../shared/idNumber';
import {
  censusBucketLabels,
  censusTableHeader,
  censusTableParse,
  type CensusChild,
  type CensusRowProblem,
} from '../../shared/oversight/census';
import {
  censusColumns,
  censusExportOnlyHeader,
  censusMergePlan,
  censusRemovalToken,
  censusRowPick,
  type CensusOptionalColumn,
  type CensusImportCounts,
  type CensusMergePlan,
  type CensusReplacePreview,
} from '../../shared/oversight/censusImport';
import type { Envelope } from '../../shared/errors';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { sheetAdd, workbookDownload } from '../../server/app/sheetExport';
import { noSettings, settingsLoad } from '../../server/app/common';
import { censusAll, censusStanding } from '../../server/app/census';
import { auditAppend } from '../../server/app/audit';
import {
  importRefused,
  sheetFirst,
  sheetHeader,
  sheetRows,
  workbookOpen,
} from '../../server/app/sheetImport';

/** The roster sheet's rows in template column order, or why the file cannot be read. */
async function sheetRead(
  base64: string,
): Promise<{ rows: string[][]; ignored: readonly string[]; absent: readonly CensusOptionalColumn[] } | Fail> {
  const book = await workbookOpen(
    base64,
    '无法读取该文件，请上传 .xlsx 格式的适龄儿童名册（可在本页下载导入模板，或导出当前名册修改后导入）。',
  );
  if ('code' in book) return book;
  const first = sheetFirst(book);
  if ('code' in first) return first;
  // The roster is the first sheet whose header has the template's columns (a workbook may carry
  // a summary or notes beside it).
  const found = book.worksheets
    .map((sheet) => ({ sheet, columns: censusColumns(sheetHeader(sheet)) }))
    .find((x) => x.columns.status === 'ok');
  if (!found || found.columns.status !== 'ok') {
    const columns = censusColumns(sheetHeader(first));
    return fail('INVALID_INPUT', columns.status === 'invalid' ? columns.message : '表头不正确。');
  }
  const { positions, ignored, absent } = found.columns;
  const rows = sheetRows(found.sheet, Math.max(...positions) + 1, (cells) => censusRowPick(cells, positions));
  return { rows, ignored, absent };
}

/** A sheet read, checked and compared with the year's roster, ready to merge. */
interface Prepared {
  readonly year: number;
  readonly children: readonly CensusChild[];
  readonly plan: CensusMergePlan;
  readonly ignored: readonly string[];
}

/**
 * Reads, checks and compares a sheet with the year's roster (nothing is written); when the sheet
 * cannot be used, the answer instead: why it cannot be read, or its problems with the counts of
 * nothing imported (`zero`).
 */
async function prepare<Z extends object>(
  ctx: FnContext,
  base64: string,
  zero: Z,
): Promise<Prepared | Fail | Ok<Z & { problems: CensusRowProblem[] }>> {
  const s = await settingsLoad(ctx);
  if (!s) return noSettings();
  const read = await sheetRead(base64);
  if ('code' in read) return read;
  const parsed = censusTableParse(read.rows);
  if (parsed.status === 'invalid') return ok(importRefused(zero, parsed.problems));
  const roster = await censusAll(ctx, s.enrollmentYear);
  return {
    year: s.enrollmentYear,
    children: parsed.children,
    plan: censusMergePlan(s.enrollmentYear, parsed.children, roster, read.absent),
    ignored: read.ignored,
  };
}

const counts = (p: Prepared): CensusImportCounts => ({
  rows: p.children.length,
  added: p.plan.added.length,
  updated: p.plan.changed.length,
  unchanged: p.plan.unchanged,
  ignoredColumns: p.ignored,
});

/** Adds and updates the sheet's children (one store call) and audits the import. */
async function merge(ctx: FnContext, p: Prepared, action: string) {
  await ctx.store.mergeCensus(p.year, [...p.plan.added, ...p.plan.changed]);
  await auditAppend(ctx, action, `census:${p.year}`, {
    rows: p.children.length,
    added: p.plan.added.length,
    updated: p.plan.changed.length,
  });
}

const noProblems: readonly CensusRowProblem[] = [];

/** The counts of an import that found problems (nothing added, updated or kept apart). */
const nothingImported = { rows: 0, added: 0, updated: 0, unchanged: 0, ignoredColumns: [] } as const;

export const censusExcelActions = {
  /** Merges a roster sheet into the year's roster: adds and updates by identity number, removes no one. */
  censusImport: defineAction(reportsContract.censusImport, reportsPayloads.censusImport, {
    roles: ['bureau'],
    async run(ctx, input) {
      const p = await prepare(ctx, input.base64, { ...nothingImported, kept: 0 });
      if ('ok' in p) return p;
      await merge(ctx, p, 'census.import');
      return ok({ ...counts(p), kept: p.plan.absent.length, problems: noProblems });
    },
  }),

  /**
   * What replacing the roster with a sheet would do — above all, which children it would take off
   * (with how many follow-ups each has) — and the token the replace must carry to go ahead.
   */
  censusReplacePreview: defineAction(
    reportsContract.censusReplacePreview,
    reportsPayloads.censusReplacePreview,
    {
      roles: ['bureau'],
      async run(
        ctx,
        input,
      ): Promise<Envelope<{ problems: readonly CensusRowProblem[]; preview: CensusReplacePreview | null }>> {
        const p = await prepare(ctx, input.base64, { preview: null });
        if ('ok' in p) return p;
        return ok({
          problems: noProblems,
          preview: {
            ...counts(p),
            removed: p.plan.absent.map((r) => ({
              id: r.id,
              name: r.child.name,
              idMasked: idNumberMask(r.child.idNumber),
              township: r.child.township,
              village: r.child.village,
              followUps: r.followUps.length,
            })),
            confirm: censusRemovalToken(p.plan.absent),
          },
        });
      },
    },
  ),

  /**
   * Replaces the roster with a sheet, once the officer has confirmed the children it takes off:
   * refused when the roster changed since the preview (another child would be removed). Each child
   * taken off is written to the audit log, whole record and follow-ups, before it is removed.
   */
  censusReplace: defineAction(reportsContract.censusReplace, reportsPayloads.censusReplace, {
    roles: ['bureau'],
    async run(ctx, input) {
      const p = await prepare(ctx, input.base64, { ...nothingImported, removed: 0 });
      if ('ok' in p) return p;
      if (censusRemovalToken(p.plan.absent) !== input.confirm)
        return fail(
          'STALE_VERSION',
          '名册在您预览之后有了变化，将被移出的儿童与您确认的不同。请重新预览并确认。',
        );
      await merge(ctx, p, 'census.replace');
      for (const r of p.plan.absent)
        await auditAppend(ctx, 'census.remove', `census:${r.id}`, {
          reason: '以新名册替换，确认移出',
          record: r,
        });
      await ctx.store.removeCensus(p.plan.absent.map((r) => r.id));
      return ok({ ...counts(p), removed: p.plan.absent.length, problems: noProblems });
    },
  }),

  /** An empty roster with exactly the import's columns, and a sheet saying how to fill it in. */
  censusTemplate: defineAction(reportsContract.censusTemplate, reportsPayloads.censusTemplate, {
    roles: ['bureau'],
    async run(ctx) {
      const book = new ExcelJS.Workbook();
      sheetAdd(book, '适龄儿童名册', censusTableHeader, [], {
        widths: censusTableHeader.map((_, i) => (i === 0 ? 22 : 14)),
        textColumns: [1],
      });
      const help = book.addWorksheet('填写说明');
      for (const line of [
        ['列', '说明'],
        ['身份证号', '必填，18位，最后一位可以是X；同一表格中不能重复'],
        ['姓名', '必填'],
        ['乡镇', '必填，用于按乡镇统计入学率'],
        ['村（社区）', '选填'],
        ['监护人', '选填'],
        ['联系电话', '选填，11位手机号'],
        ['类别', '选填，可填：随迁子女、留守儿童、残疾儿童、困难家庭，多项用“、”分隔'],
        ['', '导入时按身份证号合并：新儿童加入，已有儿童更新信息，跟踪记录全部保留，不会移出任何儿童。'],
      ])
        help.addRow(line);
      help.getRow(1).font = { bold: true };
      help.getColumn(2).width = 70;
      return ok(await workbookDownload(ctx, '适龄儿童名册导入模板.xlsx', book));
    },
  }),

  /**
   * The roster as a workbook the bureau can edit and import back (the template's columns, full
   * identity numbers, then each child's standing and follow-ups), and the township summary.
   */
  censusExport: defineAction(reportsContract.censusExport, reportsPayloads.censusExport, {
    roles: ['bureau'],
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const { records, rows, townships } = await censusStanding(ctx, s.enrollmentYear);
      const book = new ExcelJS.Workbook();
      const header = [...censusTableHeader, ...censusExportOnlyHeader];
      sheetAdd(
        book,
        '适龄儿童名册',
        header,
        rows.flatMap((r, i) => {
          const rec = records[i];
          if (!rec) return [];
          const c = rec.child;
          return [
            [
              c.idNumber,
              c.name,
              c.township,
              c.village,
              c.guardian,
              c.phone,
              c.groups.join('、'),
              censusBucketLabels[r.bucket],
              rec.followUps
                .map((f) => `${f.at.slice(0, 10)} ${f.text}${f.outcome ? `（${f.outcome}）` : ''}`)
                .join('；'),
            ],
          ];
        }),
        { widths: header.map((_, i) => (i === 0 ? 22 : i === 8 ? 40 : 14)), textColumns: [1] },
      );
      sheetAdd(
        book,
        '乡镇汇总',
        ['乡镇', '适龄儿童', '未报名', '已报名未录取', '已录取未报到', '已报到', '入学率'],
        townships.map((t) => [
          t.township,
          t.children,
          t.counts.not_registered,
          t.counts.not_placed,
          t.counts.not_reported,
          t.counts.reported,
          `${(t.enrolmentRate * 100).toFixed(1)}%`,
        ]),
      );
      await auditAppend(ctx, 'census.export', `census:${s.enrollmentYear}`, { children: records.length });
      return ok(await workbookDownload(ctx, `适龄儿童名册-${s.enrollmentYear}.xlsx`, book));
    },
  }),
};
