/** The bureau's zone table in Excel: download it (also the template), edit, import it back. */
import ExcelJS from 'exceljs';
import { zoneRow, zoneTableHeader, zoneTableParse } from '../../shared/county/zoneTable';
import { ok } from '../../shared/errors';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { downloadOf } from '../../server/runtime/files';
import { auditAppend } from '../../server/app/audit';
import { importRefused, sheetTableRead } from '../../server/app/sheetImport';

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
    async run(ctx, input) {
      const rows = await sheetTableRead(
        input.base64,
        zoneTableHeader.length,
        '无法读取该文件，请上传 .xlsx 格式的学区表（可先下载当前学区表作为模板）。',
      );
      if ('code' in rows) return rows;
      const parsed = zoneTableParse(rows, await ctx.store.listSchools());
      if (parsed.status === 'invalid') return ok(importRefused({ imported: 0 }, parsed.problems));
      await ctx.store.replaceZones(parsed.zones);
      await auditAppend(ctx, 'zones.import', 'zones', { zones: parsed.zones.length });
      return ok({ imported: parsed.zones.length, problems: [] });
    },
  }),
};
