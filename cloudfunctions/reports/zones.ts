/** The bureau's zone table in Excel: download it (also the template), edit, import it back. */
import ExcelJS from 'exceljs';
import { problemsListed } from './cells';
import { zoneRow, zoneTableHeader, zoneTableParse } from '../../shared/county/zoneTable';
import { fail, ok } from '../../shared/errors';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { downloadOf } from '../../server/runtime/files';

export const zoneActions = {
  zonesExport: defineAction(reportsContract.zonesExport, reportsPayloads.zonesExport, {
    roles: ['bureau'],
    async run(ctx) {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('学区表');
      sheet.addRow([...zoneTableHeader]);
      for (const zone of await ctx.store.listZones()) sheet.addRow(zoneRow(zone));
      sheet.getRow(1).font = { bold: true };
      sheet.columns.forEach((c, i) => (c.width = [14, 18, 6, 10, 18, 60][i] ?? 12));
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      return ok(await downloadOf(ctx, '学区表.xlsx', buffer));
    },
  }),

  zonesImport: defineAction(reportsContract.zonesImport, reportsPayloads.zonesImport, {
    roles: ['bureau'],
    async run({ store, caller, now }, input) {
      const book = new ExcelJS.Workbook();
      try {
        await book.xlsx.load(Buffer.from(input.base64, 'base64') as unknown as ArrayBuffer);
      } catch {
        return fail(
          'INVALID_INPUT',
          '无法读取该文件，请上传 .xlsx 格式的学区表（可先下载当前学区表作为模板）。',
        );
      }
      const sheet = book.worksheets[0];
      if (!sheet) return fail('INVALID_INPUT', '表格中没有工作表。');
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, n) => {
        if (n === 1) return;
        rows[n - 2] = zoneTableHeader.map((_, i) => {
          const v = row.getCell(i + 1).value;
          return v === null || v === undefined
            ? ''
            : typeof v === 'object' && 'text' in v
              ? String(v.text)
              : String(v);
        });
      });
      const parsed = zoneTableParse(
        Array.from(rows, (r) => r ?? []),
        await store.listSchools(),
      );
      if (parsed.status === 'invalid') {
        return ok({ imported: 0, problems: problemsListed(parsed.problems) });
      }
      await store.replaceZones(parsed.zones);
      await store.appendAudit({
        at: now.toISOString(),
        actor: caller.openid,
        action: 'zones.import',
        entity: 'zones',
        detail: { zones: parsed.zones.length },
      });
      return ok({ imported: parsed.zones.length, problems: [] });
    },
  }),
};
