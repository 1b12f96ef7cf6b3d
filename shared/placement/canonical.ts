/**
 * Canonical JSON: object keys sorted, no whitespace. Two equal values always serialise to the
 * same text, so their SHA-256 can be published and compared by anyone.
 */
import { sha256Hex } from '../sha256';
import { utf8Encode } from '../utf8';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v as Record<string, unknown>)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** SHA-256 (hex) of a value's canonical JSON, UTF-8 encoded. */
export function canonicalHash(v: unknown): string {
  return sha256Hex(utf8Encode(canonicalJson(v)));
}

/**
 * The canonical JSON of a flat object given as [key, value] pairs already sorted by key, built
 * directly (same text as canonicalJson of the object; large assignments hash much faster).
 */
export function canonicalFlatJson(sorted: readonly (readonly [string, string | number | null])[]): string {
  const parts = new Array<string>(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const [k, v] = sorted[i] as readonly [string, string | number | null];
    parts[i] = `${JSON.stringify(k)}:${JSON.stringify(v)}`;
  }
  return `{${parts.join(',')}}`;
}
