/**
 * The matrix drives the tests: from the action definitions and `server/security/scopes.ts`, every
 * allowed cell (action × role) is called
 *   - with every id it takes pointing inside the caller's reach — own registration / upload /
 *     draft, own school and its teachers (and, for the bureau, another school's and another
 *     family's) — and must not be refused for reach;
 *   - with each id in turn pointing outside it — another family's registration or upload, another
 *     school or its teacher — and must be refused (FORBIDDEN, or NOT_FOUND like a missing record)
 *     with the whole database byte-for-byte unchanged; a draft id names the caller's own drafts,
 *     so another family's draft id must leave that family's drafts as they were;
 * and every answer, exports (Excel, read back) and document links included, is searched for the
 * data of anyone outside the caller's reach (children's names, ID numbers, upload ids).
 * A new action without a row in scopes.ts or a sample in matrixSamples.ts fails here.
 */
import type { FileDownload } from '../../shared/download';
import ExcelJS from 'exceljs';
import type * as z from 'zod';
import { roles, type Role } from '../../shared/identity/roles';
import { hostedFunctions } from '../../server/host/functions';
import type { AnyAction } from '../../server/runtime/define';
import { matrixRows, type MatrixRow } from '../../server/security/matrix';
import type { IdKind, Reach } from '../../server/security/scopes';
import { PARENT } from '../helpers/harness';
import { callerOf, worldOpen, type World } from '../helpers/world';
import { samples } from './matrixSamples';

const defs = new Map<string, AnyAction>(
  [...hostedFunctions().values()].flatMap((f) =>
    Object.entries(f.def.actions).map(([a, d]) => [`${f.def.name}.${a}`, d] as const),
  ),
);
const rows = matrixRows([...hostedFunctions().values()].map((f) => f.def));

type Side = 'mine' | 'sameSchool' | 'otherSchool';
const sides: readonly Side[] = ['mine', 'sameSchool', 'otherSchool'];
const targetable: ReadonlySet<IdKind> = new Set(['registration', 'school', 'teacher', 'file', 'draft']);

/** Whether a record of `kind` on `side` of the world is within `reach`. */
function inReach(kind: IdKind, reach: Reach, side: Side): boolean {
  if (kind === 'draft' || kind === 'file') return side === 'mine';
  if (reach === 'county') return true;
  if (reach === 'school') return side !== 'otherSchool';
  return side === 'mine';
}

/** The id of a record of `kind` on `side` (uploads and drafts made fresh for the mine side). */
async function idOf(w: World, kind: IdKind, side: Side): Promise<string> {
  const other = side !== 'mine';
  switch (kind) {
    case 'registration':
      return (side === 'mine' ? w.own : side === 'sameSchool' ? w.sameSchool : w.otherSchool).id;
    case 'school':
      return side === 'otherSchool' ? 'p02' : 'p01';
    case 'teacher':
      return side === 'otherSchool' ? w.teachers.otherSchool : w.teachers.ownSchool;
    case 'file':
      return other ? (w.sameSchool.fileIds[0] as string) : w.upload(PARENT);
    case 'draft':
      return other ? w.drafts.other.id : w.draft();
    default:
      throw new Error(`not a targetable kind: ${kind}`);
  }
}

/** Sets a field path (`a.b`, `list[].id`) in a payload; an array of ids becomes `[value]`. */
function withField(payload: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const out = { ...payload };
  if (head.endsWith('[]')) {
    const key = head.slice(0, -2);
    const list = (out[key] as Record<string, unknown>[] | undefined) ?? [{}];
    out[key] = list.map((x) => withField(x, rest.join('.'), value));
  } else if (rest.length > 0) {
    out[head] = withField((out[head] as Record<string, unknown> | undefined) ?? {}, rest.join('.'), value);
  } else {
    out[head] = Array.isArray(out[head]) ? [value] : value;
  }
  return out;
}

/** Whether a payload gives a field a value (a field left out or null is not swapped in). */
function hasField(payload: unknown, path: string): boolean {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const v = (payload as Record<string, unknown> | null)?.[head.replace(/\[\]$/, '')];
  if (v === undefined || v === null) return false;
  if (rest.length === 0) return true;
  return head.endsWith('[]')
    ? (v as unknown[]).some((x) => hasField(x, rest.join('.')))
    : hasField(v, rest.join('.'));
}

/** What refused a call: the envelope's code, or a bulk answer's code when every item failed. */
function refusalOf(r: { ok: boolean; code?: string; data?: unknown }): string | null {
  if (!r.ok) return r.code ?? 'UNKNOWN';
  const results = (r.data as { results?: { ok: boolean; code: string | null }[] } | null)?.results;
  if (Array.isArray(results) && results.length > 0 && results.every((x) => !x.ok))
    return results[0]?.code ?? null;
  return null;
}

/** Everything an answer shows: its JSON, and the text of every cell of any workbook in it. */
async function answerText(r: unknown): Promise<string> {
  const parts = [JSON.stringify(r)];
  const file = (r as { data?: { fileName?: unknown; base64?: unknown; url?: unknown } }).data;
  // A workbook comes inline (local host) or as a link to storage (WeChat): read it either way.
  if (
    typeof file?.fileName === 'string' &&
    String(file.fileName).endsWith('.xlsx') &&
    (file.base64 || file.url)
  ) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(w.h.download(file as FileDownload) as unknown as ArrayBuffer);
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text)))));
  }
  return parts.join('\n');
}

let w: World;
/** For each role, the markers of data outside its reach. */
let forbidden: Record<Role, string[]>;

beforeAll(async () => {
  w = await worldOpen();
  const marks = (x: { childName: string; idNumber: string; fileIds: readonly string[] }) => [
    x.childName,
    x.idNumber,
    ...x.fileIds,
  ];
  const drafts = [...marks(w.drafts.own), ...marks(w.drafts.other)].filter((m) => m !== w.own.idNumber);
  forbidden = {
    parent: [...marks(w.sameSchool), ...marks(w.otherSchool), ...marks(w.drafts.other)],
    teacher: [...marks(w.own), ...marks(w.sameSchool), ...marks(w.otherSchool), ...drafts],
    reviewer: [...marks(w.otherSchool), ...drafts],
    principal: [...marks(w.otherSchool), ...drafts],
    bureau: drafts,
  };
}, 120_000);
afterAll(async () => {
  await w.h.store.close();
});

test('every action has a sample payload that its schema accepts, and no sample names a missing action', () => {
  expect(rows.filter((r) => !samples[r.key]).map((r) => r.key)).toEqual([]);
  expect(Object.keys(samples).filter((k) => !defs.has(k))).toEqual([]);
});

interface Cell {
  readonly row: MatrixRow;
  readonly role: Role;
}
const cells: Cell[] = rows.flatMap((row) =>
  roles.filter((role) => row.allowed.has(role)).map((role) => ({ row, role })),
);

describe.each(cells.map((c) => [`${c.row.key} as ${c.role}`, c] as const))('%s', (_name, { row, role }) => {
  const sample = samples[row.key];
  const reach = row.scope?.reach[role] as Reach;
  const ids = Object.entries(row.scope?.ids ?? {}).filter(
    ([f, k]) => targetable.has(k) && !(sample?.fixed ?? []).includes(f),
  );
  const call = async (payload: Record<string, unknown>) => {
    const [fn, action] = row.key.split('.') as [string, string];
    const schema = defs.get(row.key)?.input as z.ZodType;
    expect(schema.safeParse(payload).success).toBe(true);
    const r = await w.h.call(callerOf[role], fn, action, payload);
    const text = await answerText(r);
    for (const m of forbidden[role])
      if (text.includes(m)) throw new Error(`${row.key} as ${role} shows ${m}: ${text.slice(0, 400)}`);
    return r as { ok: boolean; code?: string; data?: unknown };
  };
  /**
   * The sample with each id it gives taken from one side of the world (uploads and drafts: always
   * the caller's own, fresh); ids the sample leaves out stay out (alternatives such as a document
   * link's registration or draft).
   */
  const payloadOn = async (side: Side) => {
    let p = sample!.payload(w);
    for (const [field, kind] of ids)
      if (hasField(p, field))
        p = withField(p, field, await idOf(w, kind, kind === 'draft' || kind === 'file' ? 'mine' : side));
    return p;
  };

  // One call per distinct side: school and teacher ids are the same on the caller's side and on
  // the same-school side; an action without ids is called once.
  const distinct: readonly Side[] = ids.some(([, k]) => k === 'registration')
    ? sides
    : ids.some(([, k]) => k === 'school' || k === 'teacher')
      ? sides.filter((x) => x !== 'sameSchool')
      : ['mine'];
  const inside = distinct.filter((side) => ids.every(([, kind]) => inReach(kind, reach, side)));
  test.each(inside)('ids inside the reach (%s): answered, not refused for reach', async (side) => {
    const r = await call(await payloadOn(side));
    const refused = refusalOf(r);
    // Without an id, NOT_FOUND can only mean there is nothing yet (no plan, no notice to read).
    const reachRefusal =
      refused === 'FORBIDDEN' ||
      (refused === 'NOT_FOUND' && ids.length > 0 && !(sample?.stateful ?? []).includes('NOT_FOUND'));
    if (reachRefusal) throw new Error(`${row.key} as ${role} (${side}) refused: ${JSON.stringify(r)}`);
  });

  const outside = ids.flatMap(([field, kind]) =>
    distinct.filter((side) => !inReach(kind, reach, side)).map((side) => [field, kind, side] as const),
  );
  if (outside.length > 0)
    test.each(outside)(
      '%s naming a %s outside the reach (%s): refused, nothing changed',
      async (field, kind, side) => {
        const payload = withField(await payloadOn('mine'), field, await idOf(w, kind, side));
        if (kind === 'draft') {
          // A draft id names the caller's own drafts: the other family's stay as they were.
          const before = await w.otherDrafts();
          await call(payload);
          expect(await w.otherDrafts()).toBe(before);
          return;
        }
        const before = await w.fingerprint();
        const r = await call(payload);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refusalOf(r));
        expect(await w.fingerprint()).toBe(before);
      },
    );
});
