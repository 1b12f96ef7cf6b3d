/**
 * The census roster (适龄儿童名册) in Excel: import it (every row's problem listed, nothing saved
 * until all are right; follow-ups kept for children still on it) and export the roster with each
 * child's standing and follow-ups for the inspection files (identity numbers masked).
 */
import ExcelJS from 'exceljs';
import * as z from 'zod';
import { fail, ok } from '../../shared/errors';
import { censusBucketLabels, censusTableHeader, censusTableParse } from '../../shared/oversight/census';
import { defineAction } from '../../server/runtime/define';
import { downloadOf } from '../../server/runtime/files';
import { noSettings, settingsLoad } from '../registration/common';
import { censusAll, censusMerge, censusStanding } from '../county/census';
import { cellText, importFileSchema, problemsListed } from './cells';

export const censusExcelActions = {
  censusImport: defineAction({
    roles: ['bureau'],
    idempotent: true,
    input: z.object({ base64: importFileSchema }).strict(),
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const book = new ExcelJS.Workbook();
      try {
        await book.xlsx.load(Buffer.from(input.base64, 'base64') as unknown as ArrayBuffer);
      } catch {
        return fail(
          'INVALID_INPUT',
          '无法读取该文件，请上传 .xlsx 格式的适龄儿童名册（可先导出当前名册作为模板）。',
        );
      }
      const sheet = book.worksheets[0];
      if (!sheet) return fail('INVALID_INPUT', '表格中没有工作表。');
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, n) => {
        if (n === 1) return;
        rows[n - 2] = censusTableHeader.map((_, i) => cellText(row.getCell(i + 1).value));
      });
      const parsed = censusTableParse(Array.from(rows, (r) => r ?? []));
      if (parsed.status === 'invalid') return ok({ imported: 0, problems: problemsListed(parsed.problems) });
      const records = censusMerge(s.enrollmentYear, parsed.children, await censusAll(ctx, s.enrollmentYear));
      await ctx.store.replaceCensus(s.enrollmentYear, records);
      await ctx.store.appendAudit({
        at: ctx.now.toISOString(),
        actor: ctx.caller.openid,
        action: 'census.import',
        entity: `census:${s.enrollmentYear}`,
        detail: { children: records.length },
      });
      return ok({ imported: records.length, problems: [] });
    },
  }),

  censusExport: defineAction({
    roles: ['bureau'],
    input: z.object({}).strict(),
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const { records, rows, townships } = await censusStanding(ctx, s.enrollmentYear);
      const book = new ExcelJS.Workbook();
      const list = book.addWorksheet('控辍保学名册');
      list.addRow(['身份证号', '姓名', '乡镇', '村（社区）', '类别', '状态', '跟踪记录']);
      rows.forEach((r, i) =>
        list.addRow([
          r.idMasked,
          r.name,
          r.township,
          r.village,
          r.groups.join('、'),
          censusBucketLabels[r.bucket],
          (records[i]?.followUps ?? [])
            .map((f) => `${f.at.slice(0, 10)} ${f.text}${f.outcome ? `（${f.outcome}）` : ''}`)
            .join('；'),
        ]),
      );
      const sum = book.addWorksheet('乡镇汇总');
      sum.addRow(['乡镇', '适龄儿童', '未报名', '已报名未录取', '已录取未报到', '已报到', '入学率']);
      for (const t of townships)
        sum.addRow([
          t.township,
          t.children,
          t.counts.not_registered,
          t.counts.not_placed,
          t.counts.not_reported,
          t.counts.reported,
          `${(t.enrolmentRate * 100).toFixed(1)}%`,
        ]);
      for (const sheet of [list, sum]) sheet.getRow(1).font = { bold: true };
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      return ok(await downloadOf(ctx, `控辍保学名册-${s.enrollmentYear}.xlsx`, buffer));
    },
  }),
};
