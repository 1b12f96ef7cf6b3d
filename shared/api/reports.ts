/**
 * The reports function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in reportsPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { StaffRowProblem } from '../county/staffTable';
import type { ZoneRowProblem } from '../county/zoneTable';
import type { FileDownload } from '../download';
import type { CensusReplacePreview } from '../oversight/censusImport';
import type { CensusImportResult, CensusProblems, CensusReplaceResult } from './views';

export const reportsContract = {
  censusImport: change<CensusImportResult>(),
  censusReplacePreview: read<CensusProblems & { preview: CensusReplacePreview | null }>(),
  censusReplace: change<CensusReplaceResult>(),
  censusTemplate: read<FileDownload>(),
  censusExport: read<FileDownload>(),
  classingTemplate: read<FileDownload>(),
  classingImport: change<{ imported: number; problems: string[] }>(),
  classingExport: read<FileDownload & { classes: number }>(),
  exportList: read<FileDownload & { rows: number }>(),
  oversightExport: read<FileDownload>(),
  staffExport: read<FileDownload>(),
  staffImport: change<{
    readonly schools: number;
    readonly teachers: number;
    readonly problems: readonly StaffRowProblem[];
  }>(),
  zonesExport: read<FileDownload>(),
  zonesImport: change<{
    readonly imported: number;
    readonly problems: readonly ZoneRowProblem[];
  }>(),
};
