/**
 * The bureau's inspection workbook (督导报表): the dashboard's own figures in Excel — seats and
 * applicants per school and tier, 大班额 classes, the groups reported apart, the 差异系数 before and
 * after rotation, and every rule finding with its records. Built from the same `dashboardBuild` as
 * the page, so the file and the screen cannot disagree (a test reads the file back and compares).
 */
import ExcelJS from 'exceljs';
import * as z from 'zod';
import { ok } from '../../shared/errors';
import { rules, type RuleCode } from '../../shared/oversight/rules';
import { defineAction } from '../../server/runtime/define';
import { downloadOf } from '../../server/runtime/files';
import { dashboardBuild } from '../county/dashboard';
import { noSettings, settingsLoad } from '../registration/common';

const stageNames = { primary: '小学', junior: '初中' } as const;
const rate = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Sheet names, in order; the test reads the workbook back by these. */
export const oversightSheets = ['各校学位', '大班额', '特殊群体', '差异系数', '规则检查'] as const;

export const oversightExcelActions = {
  oversightExport: defineAction({
    roles: ['bureau'],
    input: z.object({}).strict(),
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const d = await dashboardBuild(ctx, s);
      const book = new ExcelJS.Workbook();
      const [seatsName, largeName, groupsName, cvName, findingsName] = oversightSheets;

      const seats = book.addWorksheet(seatsName);
      const tierLabels = d.schools[0]?.tiers.map((t) => t.label) ?? [];
      seats.addRow(['学校', '学段', '乡镇', '起始年级班数', '学位', '报名', ...tierLabels, '已录取']);
      for (const x of d.schools)
        seats.addRow([
          x.name,
          stageNames[x.stage],
          x.township,
          x.entryClasses,
          x.seats,
          x.applicants,
          ...x.tiers.map((t) => t.applicants),
          x.admitted,
        ]);

      const large = book.addWorksheet(largeName);
      large.addRow(['班级', '学段', '人数', '班额上限', '类别']);
      for (const c of d.classes.filter((c) => c.large || c.superLarge))
        large.addRow([
          c.label,
          stageNames[c.stage],
          c.size,
          s.classCap[c.stage],
          c.superLarge ? '超大班额' : '大班额',
        ]);

      const groups = book.addWorksheet(groupsName);
      groups.addRow(['群体', '报名', '录取（含统筹）', '录取率']);
      for (const g of d.groups) groups.addRow([g.label, g.registered, g.admitted, rate(g.rate)]);

      const cv = book.addWorksheet(cvName);
      cv.addRow(['学段', '指标', '交流前', '交流后', '限值', '结论']);
      d.indicators.before.forEach((t, i) => {
        const after = d.indicators.after[i] ?? t;
        for (const [k, v] of Object.entries(t.cv)) {
          const a = after.cv[k as keyof typeof after.cv];
          cv.addRow([
            stageNames[t.stage],
            d.indicatorLabels[k as keyof typeof d.indicatorLabels] ?? k,
            Number(v.toFixed(3)),
            Number(a.toFixed(3)),
            t.cvLimit,
            a <= t.cvLimit ? '达标' : '超限',
          ]);
        }
      });

      const findings = book.addWorksheet(findingsName);
      findings.addRow(['编码', '规则', '严重程度', '情况', '涉及记录数', '涉及记录', '依据']);
      for (const f of d.findings) {
        const rule = rules[f.rule as RuleCode];
        findings.addRow([
          f.rule,
          rule.text,
          rule.severity === 'error' ? '违规' : '预警',
          f.text,
          f.records.length,
          f.records.map((r) => r.label).join('、'),
          rule.source,
        ]);
      }

      for (const sheet of book.worksheets) sheet.getRow(1).font = { bold: true };
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      return ok(await downloadOf(ctx, `督导报表-${d.year}.xlsx`, buffer));
    },
  }),
};
