/**
 * Large records in parts. A CloudBase document is capped at 16 MB and a call's request at about
 * 6 MB, while a county's frozen applicant list or draw result for 100,000 children is 15–20 MB of
 * JSON. Such a value is stored as JSON text cut into parts of 2 MB (collection `placementParts`,
 * `_id` = `<owner>#<token>#<n>`), written before the record that names them, so a record is never
 * seen without its parts; the token keeps a refused duplicate from overwriting the first's parts.
 */
import { inParallel, writeToken } from './cloudbaseCalls';
import { FAN_OUT, type CloudDocs } from './cloudbaseDocs';

/** Characters per part (the JSON of placement data is ASCII: one byte each). */
const PART_CHARS = 2 * 1024 * 1024;

export interface PartsRef {
  readonly token: string;
  readonly count: number;
}

const partId = (owner: string, ref: PartsRef, i: number) => `${owner}#${ref.token}#${i}`;

/** Writes `value` in parts when its JSON is larger than one part; null: small, keep it inline. */
export async function partsSave(docs: CloudDocs, owner: string, value: unknown): Promise<PartsRef | null> {
  const json = JSON.stringify(value);
  if (json.length <= PART_CHARS) return null;
  const ref: PartsRef = { token: writeToken(), count: Math.ceil(json.length / PART_CHARS) };
  await docs.setMany(
    'placementParts',
    Array.from({ length: ref.count }, (_, i) => ({
      _id: partId(owner, ref, i),
      owner,
      n: i,
      json: json.slice(i * PART_CHARS, (i + 1) * PART_CHARS),
    })),
  );
  return ref;
}

export async function partsLoad(docs: CloudDocs, owner: string, ref: PartsRef): Promise<unknown> {
  const parts = await inParallel(
    Array.from({ length: ref.count }, (_, i) => i),
    FAN_OUT,
    async (i) => {
      const d = await docs.byId<{ json: string }>('placementParts', partId(owner, ref, i));
      if (!d) throw new Error(`placementParts: part ${i} of ${owner} is missing`);
      return d.json;
    },
  );
  return JSON.parse(parts.join(''));
}

/** Removes the parts of a record that was refused (a duplicate). */
export async function partsDrop(docs: CloudDocs, owner: string, ref: PartsRef): Promise<void> {
  await docs.removeMany(
    'placementParts',
    Array.from({ length: ref.count }, (_, i) => partId(owner, ref, i)),
  );
}
