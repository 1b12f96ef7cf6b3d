/**
 * The bureau's inspection workbook (督导报表): the dashboard's own figures in Excel — seats and
 * applicants per school and tier, 大班额 classes, the groups reported apart, the 差异系数 and each
 * school's seven indicators 当前 and 轮岗后, and every rule finding with its records (in words). Built from the same `dashboardBuild` as
 * the page, so the file and the screen cannot disagree (a test reads the file back and compares).
 */
import ExcelJS from 'exceljs';
import { ok } from '../../shared/errors';
import { rules, type RuleCode } from '../../shared/oversight/rules';
import { indicatorKeys, indicatorLabels, indicatorStandards } from '../../shared/rotation/indicators';
import { indicatorBasisLabels } from '../../shared/rotation/service';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { workbookDownload } from '../../server/app/sheetExport';
import { dashboardBuild } from '../../server/app/dashboard';
import { noSettings, settingsLoad } from '../../server/app/common';

const stageNames = { primary: '小学', junior: '初中' } as const;
const rate = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Sheet names, in order; the test reads the workbook back by these. */
export const oversightSheets = [
  '各校学位',
  '大班额',
  '特殊群体',
  '差异系数',
  '七项指标',
  '规则检查',
] as const;

export const oversightExcelActions = {
  oversightExport: defineAction(reportsContract.oversightExport, reportsPayloads.oversightExport, {
    roles: ['bureau'],
    async run(ctx) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const d = await dashboardBuild(ctx, s);
      const book = new ExcelJS.Workbook();
      const [seatsName, largeName, groupsName, cvName, indicatorsName, findingsName] = oversightSheets;

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

      // 当前 / 轮岗后: the labels and numbers of the dashboard, the school record and the principal's page.
      const { current: now, afterRotation: later } = indicatorBasisLabels;
      const cv = book.addWorksheet(cvName);
      cv.addRow(['学段', '指标', `${now}差异系数`, `${later}差异系数`, '限值', `${now}结论`, `${later}结论`]);
      const verdict = (x: number | null, limit: number) => (x === null ? '—' : x <= limit ? '达标' : '超限');
      for (const t of d.indicators.current) {
        const after = d.indicators.afterRotation?.find((x) => x.stage === t.stage) ?? null;
        for (const k of indicatorKeys) {
          const a = after ? after.cv[k] : null;
          cv.addRow([
            stageNames[t.stage],
            indicatorLabels[k],
            Number(t.cv[k].toFixed(3)),
            a === null ? '尚无已公示的交流方案' : Number(a.toFixed(3)),
            t.cvLimit,
            verdict(t.cv[k], t.cvLimit),
            verdict(a, t.cvLimit),
          ]);
        }
      }

      const perSchool = book.addWorksheet(indicatorsName);
      perSchool.addRow(['学校', '学段', '指标', now, later, '标准', `${now}是否达标`, `${later}是否达标`]);
      for (const t of d.indicators.current) {
        const after = d.indicators.afterRotation?.find((x) => x.stage === t.stage) ?? null;
        const std = indicatorStandards[t.stage].thresholds;
        for (const row of t.schools) {
          const a = after?.schools.find((x) => x.schoolId === row.schoolId) ?? null;
          for (const k of indicatorKeys)
            perSchool.addRow([
              row.name,
              stageNames[t.stage],
              indicatorLabels[k],
              Number(row.values[k].toFixed(2)),
              a ? Number(a.values[k].toFixed(2)) : '—',
              std[k],
              row.met[k] ? '达标' : '未达标',
              a ? (a.met[k] ? '达标' : '未达标') : '—',
            ]);
        }
      }

      // Findings in words only: the rule's text, not its code (users see prose, not code).
      const findings = book.addWorksheet(findingsName);
      findings.addRow(['规则', '严重程度', '情况', '涉及记录数', '涉及记录', '依据']);
      for (const f of d.findings) {
        const rule = rules[f.rule as RuleCode];
        findings.addRow([
          rule.text,
          rule.severity === 'error' ? '违规' : '预警',
          f.text,
          f.records.length,
          f.records.map((r) => r.label).join('、'),
          rule.source,
        ]);
      }

      for (const sheet of book.worksheets) sheet.getRow(1).font = { bold: true };
      return ok(await workbookDownload(ctx, `督导报表-${d.year}.xlsx`, book));
    },
  }),
};
