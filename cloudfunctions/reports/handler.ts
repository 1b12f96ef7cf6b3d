/**
 * reports: Excel in and out (lists for 公示, the zone table, schools and teachers). Kept apart from `registration` because exceljs adds megabytes to a
 * bundle, and the registration function should start fast on registration day.
 */
import type { FunctionDef } from '../../server/runtime/define';
import { classingExcelActions } from './classing';
import { exportActions } from './exportList';
import { censusExcelActions } from './census';
import { oversightExcelActions } from './oversight';
import { staffActions } from './staff';
import { zoneActions } from './zones';

export const reportsFunction: FunctionDef = {
  name: 'reports',
  actions: {
    ...exportActions,
    ...zoneActions,
    ...classingExcelActions,
    ...staffActions,
    ...censusExcelActions,
    ...oversightExcelActions,
  },
};
