/**
 * Classing in Excel: the cohort template, importing it (every row's problem listed, nothing saved
 * until all are fixed), and the class lists for 公示 (name and gender only; no ID numbers).
 */
import ExcelJS from 'exceljs';
import { cohortTableExample, cohortTableHeader, cohortTableParse } from '../../shared/classing/cohortTable';
import { classLabel } from '../../shared/classing/plan';
import { fail, ok } from '../../shared/errors';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { sheetAdd, workbookDownload } from '../../server/app/sheetExport';
import { auditAppend } from '../../server/app/audit';
import { importRefused, sheetTableRead } from '../../server/app/sheetImport';
import { planLoad, planSave, planToChange, schoolOf, stale, unsplit } from '../../server/app/classingPlan';

export const classingExcelActions = {
  /** The template, filled with the current cohort (the admitted children) when there is one, so
   * the school only adds scores and groups; otherwise two example rows. */
  classingTemplate: defineAction(reportsContract.classingTemplate, reportsPayloads.classingTemplate, {
    roles: ['principal'],
    async run(ctx) {
      const schoolId = schoolOf(ctx, null);
      if (typeof schoolId !== 'string') return schoolId;
      const plan = await planLoad(ctx, schoolId);
      if ('code' in plan) return plan;
      const together = new Map<string, string>();
      for (const [a, b] of (plan.input.together ?? []).filter((g) => g.length === 2)) {
        together.set(a as string, b as string);
        together.set(b as string, a as string);
      }
      const rows =
        plan.input.students.length > 0
          ? plan.input.students.map((st) => {
              const sc = (x: string) => (st.scores?.[x] === undefined ? '' : String(st.scores[x]));
              return [
                st.id,
                st.name ?? '',
                st.gender === 'F' ? '女' : '男',
                sc('chinese'),
                sc('math'),
                sc('english'),
                (st.groups ?? []).join('、'),
                st.school ?? '',
                together.get(st.id) ?? '',
                '',
              ];
            })
          : cohortTableExample;
      const book = new ExcelJS.Workbook();
      sheetAdd(book, '学生名单', cohortTableHeader, rows, { widths: [12, 10, 6, 6, 6, 6, 16, 16, 16, 16] });
      return ok(await workbookDownload(ctx, '编班学生名单模板.xlsx', book));
    },
  }),

  classingImport: defineAction(reportsContract.classingImport, reportsPayloads.classingImport, {
    roles: ['principal'],
    async run(ctx, input) {
      const cur = await planToChange(ctx, input.version);
      if ('code' in cur) return cur;
      const rows = await sheetTableRead(
        input.base64,
        cohortTableHeader.length,
        '无法读取该文件，请上传 .xlsx 格式的学生名单（可先下载模板）。',
      );
      if ('code' in rows) return rows;
      const parsed = cohortTableParse(rows);
      if (parsed.status === 'invalid') return ok(importRefused({ imported: 0 }, parsed.problems));
      const saved = await planSave(ctx, cur, {
        ...cur,
        source: 'import',
        input: {
          ...cur.input,
          subjects: parsed.subjects,
          students: parsed.students,
          together: parsed.together,
          apart: parsed.apart,
          fixed: {},
        },
        ...unsplit,
      });
      if (!saved) return stale();
      await auditAppend(ctx, 'classing.import', `classing:${cur.id}`, {
        students: parsed.students.length,
        subjects: parsed.subjects,
      });
      return ok({ imported: parsed.students.length, problems: [] });
    },
  }),

  /** The class lists for 公示: one sheet per class, name and gender (no ID numbers). */
  classingExport: defineAction(reportsContract.classingExport, reportsPayloads.classingExport, {
    roles: ['principal', 'bureau'],
    async run(ctx, input) {
      const schoolId = schoolOf(ctx, input.schoolId);
      if (typeof schoolId !== 'string') return schoolId;
      const plan = await planLoad(ctx, schoolId);
      if ('code' in plan) return plan;
      if (!plan.classes) return fail('INVALID_TRANSITION', '还没有分班结果。');
      const byId = new Map(plan.input.students.map((s) => [s.id, s]));
      const teacherName = async (k: number) => {
        const id = plan.homeroom?.teacherIds[k];
        return id ? ((await ctx.store.getTeacher(id as never))?.name ?? '') : '';
      };
      const schoolName = (await ctx.store.getSchool(schoolId as never))?.name ?? schoolId;
      const book = new ExcelJS.Workbook();
      for (const [k, ids] of plan.classes.entries()) {
        const label = classLabel(plan.stage, k);
        const sheet = book.addWorksheet(label);
        const head = await teacherName(k);
        sheet.addRow([
          `${schoolName}${plan.year}级${label}（${ids.length}人）${head ? `　班主任：${head}` : ''}`,
        ]);
        sheet.addRow(['序号', '姓名', '性别']);
        ids.forEach((id, i) => {
          const s = byId.get(id);
          sheet.addRow([i + 1, s?.name ?? id, s?.gender === 'F' ? '女' : '男']);
        });
        sheet.getRow(1).font = { bold: true };
        sheet.columns.forEach((c, i) => (c.width = [8, 14, 6][i] ?? 10));
      }
      const fileName = `${schoolName}${plan.year}级分班名单${plan.status === 'published' ? '（公示）' : '（草稿）'}.xlsx`;
      return ok({
        ...(await workbookDownload(ctx, fileName, book)),
        classes: plan.classes.length,
      });
    },
  }),
};
