/** The bureau's zone table in Excel: download it (also the template), edit, import it back. */
import ExcelJS from 'exceljs';
import { zoneRow, zoneTableHeader, zoneTableParse } from '../../shared/county/zoneTable';
import { ok } from '../../shared/errors';
import { reportsContract } from '../../shared/api/reports';
import { reportsPayloads } from '../../shared/api/reportsPayloads';
import { defineAction } from '../../server/runtime/define';
import { sheetAdd, workbookDownload } from '../../server/app/sheetExport';
import { auditAppend } from '../../server/app/audit';
import { importRefused, sheetTableRead } from '../../server/app/sheetImport';

export const zoneActions = {
  zonesExport: defineAction(reportsContract.zonesExport, reportsPayloads.zonesExport, {
    roles: ['bureau'],
    async run(ctx) {
      const book = new ExcelJS.Workbook();
      sheetAdd(book, '学区表', zoneTableHeader, (await ctx.store.listZones()).map(zoneRow), {
        widths: [14, 18, 6, 10, 18, 60],
      });
      return ok(await workbookDownload(ctx, '学区表.xlsx', book));
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
