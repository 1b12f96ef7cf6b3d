/**
 * The county's schools and teachers in Excel (two sheets): download the current records (also the
 * template), edit them, import them back. Every row's problem is listed and nothing is saved until
 * all are fixed; then schools are updated or added and the teacher roster is replaced, audited.
 */
import ExcelJS from 'exceljs';
import {
  schoolRow,
  schoolTableHeader,
  staffTableParse,
  teacherRow,
  teacherTableHeader,
} from '../../shared/county/staffTable';
import type { Teacher } from '../../shared/county/types';
import { fail, ok } from '../../shared/errors';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { sheetAdd, workbookDownload } from '../../server/app/sheetExport';
import { noSettings, settingsLoad } from '../../server/app/common';
import { auditAppend } from '../../server/app/audit';
import { importRefused, sheetRows, workbookOpen } from '../../server/app/sheetImport';

export const staffActions = {
  staffExport: defineAction(reportsContract.staffExport, reportsPayloads.staffExport, {
    roles: ['bureau'],
    async run(ctx) {
      const { store } = ctx;
      const schools = await store.listSchools();
      const book = new ExcelJS.Workbook();
      sheetAdd(book, '学校', schoolTableHeader, schools.map(schoolRow), {
        widths: schoolTableHeader.map(() => 14),
      });
      // The whole staff in a few reads, listed school by school as before.
      const staff = await store.listTeachers();
      sheetAdd(
        book,
        '教师',
        teacherTableHeader,
        schools.flatMap((x) => staff.filter((y) => y.schoolId === x.id).map(teacherRow)),
        { widths: teacherTableHeader.map(() => 14) },
      );
      return ok(await workbookDownload(ctx, '学校与教师.xlsx', book));
    },
  }),

  staffImport: defineAction(reportsContract.staffImport, reportsPayloads.staffImport, {
    roles: ['bureau'],
    async run(ctx, input) {
      const settings = await settingsLoad(ctx);
      if (!settings) return noSettings();
      const book = await workbookOpen(
        input.base64,
        '无法读取该文件，请上传 .xlsx 格式的表格（可先下载当前数据作为模板）。',
      );
      if ('code' in book) return book;
      const schoolSheet = book.getWorksheet('学校');
      const teacherSheet = book.getWorksheet('教师');
      if (!schoolSheet || !teacherSheet)
        return fail('INVALID_INPUT', '表格应有“学校”和“教师”两个工作表，请下载当前数据作为模板。');
      const parsed = staffTableParse(
        sheetRows(schoolSheet, schoolTableHeader.length),
        sheetRows(teacherSheet, teacherTableHeader.length),
        await ctx.store.listSchools(),
        settings.enrollmentYear,
      );
      if (parsed.status === 'invalid') return ok(importRefused({ schools: 0, teachers: 0 }, parsed.problems));
      await ctx.store.putSchools(parsed.schools);
      await ctx.store.replaceTeachers(parsed.teachers as Teacher[]);
      await auditAppend(ctx, 'staff.import', 'staff', {
        schools: parsed.schools.length,
        teachers: parsed.teachers.length,
      });
      return ok({ schools: parsed.schools.length, teachers: parsed.teachers.length, problems: [] });
    },
  }),
};
