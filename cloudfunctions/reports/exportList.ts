/**
 * Excel lists a school can print for 公示 or keep: the approved list or every registration.
 * ID numbers and phones are masked, except when the bureau exports for 学籍 with a recorded
 * reason (audited).
 */
import ExcelJS from 'exceljs';
import { asSchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { idNumberMask } from '../../shared/idNumber';
import { registrationStatusLabels } from '../../shared/registration/status';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { workbookDownload } from '../../server/app/sheetExport';
import { schoolInReach } from '../../server/security/reach';
import type { Store } from '../../server/store/port';
import { admittedAt } from '../../server/app/admitted';
import { noSettings, settingsLoad } from '../../server/app/common';
import { auditAppend } from '../../server/app/audit';

const MAX_ROWS = 5000;
const maskMobile = (m: string) => (m.length === 11 ? `${m.slice(0, 3)}****${m.slice(-4)}` : m);

/** A school's registrations of the year for a list (oldest first, at most MAX_ROWS), in a few reads. */
const schoolRegistrations = (
  store: Store,
  schoolId: string,
  status: 'approved' | 'admitted' | null,
  year: number,
) =>
  // 录取名单: the children the published result placed here, wherever they applied (defect 8).
  status === 'admitted'
    ? admittedAt(store, schoolId, year).then((all) => all.slice(0, MAX_ROWS))
    : store.listSchoolRegistrations(asSchoolId(schoolId), year, status, MAX_ROWS);

export const exportActions = {
  exportList: defineAction(reportsContract.exportList, reportsPayloads.exportList, {
    roles: ['principal', 'reviewer', 'bureau'],
    async run(ctx, input) {
      // The school comes from the caller's binding for every role but the bureau (#16: a reviewer
      // once exported another school's families by naming its id).
      const schoolId = schoolInReach(ctx.caller, input.schoolId);
      if (typeof schoolId !== 'string') return schoolId;
      const full = input.fullIdReason !== null;
      if (full && ctx.caller.role !== 'bureau')
        return fail('FORBIDDEN', '只有教育局可以为学籍导出完整身份证号。');
      if (full && (input.fullIdReason ?? '').trim().length < 4)
        return fail('INVALID_INPUT', '导出完整身份证号须填写用途说明。');
      const [school, s] = await Promise.all([ctx.store.getSchool(asSchoolId(schoolId)), settingsLoad(ctx)]);
      if (!school) return fail('NOT_FOUND', '没有找到该学校。');
      if (!s) return noSettings();
      const rows = await schoolRegistrations(
        ctx.store,
        school.id,
        input.list === 'all' ? null : input.list,
        s.enrollmentYear,
      );

      const book = new ExcelJS.Workbook();
      const names = {
        approved: ['审核通过名单', '审核通过'],
        admitted: ['录取名单（公示）', '录取名单'],
        all: ['报名名单', '全部报名'],
      } as const;
      const title = `${school.name}${s.enrollmentYear}年${names[input.list][0]}`;
      const sheet = book.addWorksheet(names[input.list][1]);
      sheet.addRow([title]);
      sheet.addRow([
        '序号',
        '儿童姓名',
        '性别',
        '出生日期',
        '身份证号',
        '类别',
        '状态',
        '监护人',
        '联系电话',
        '提交时间',
      ]);
      rows.forEach((r, i) =>
        sheet.addRow([
          i + 1,
          r.childName,
          r.gender === 'M' ? '男' : '女',
          r.birthDate,
          full ? r.idNumber : idNumberMask(r.idNumber),
          r.tier.status === 'eligible' ? r.tier.label : '统筹',
          registrationStatusLabels[r.status],
          r.form.guardians.map((g) => `${g.relation} ${g.name}`).join('；'),
          r.form.guardians.map((g) => (full ? g.mobile : maskMobile(g.mobile))).join('；'),
          r.createdAt.slice(0, 10),
        ]),
      );
      sheet.getRow(1).font = { bold: true, size: 14 };
      sheet.getRow(2).font = { bold: true };
      sheet.columns.forEach((c, i) => (c.width = [6, 10, 6, 12, 22, 8, 12, 20, 16, 12][i] ?? 12));
      await auditAppend(
        ctx,
        full ? 'registration.export.fullId' : 'registration.export',
        `school:${school.id}`,
        { list: input.list, rows: rows.length, reason: input.fullIdReason },
      );
      return ok({ ...(await workbookDownload(ctx, `${title}.xlsx`, book)), rows: rows.length });
    },
  }),
};
