/**
 * Every field path of a zod payload schema (array positions left out, wrappers unwrapped), as
 * the field labels are keyed: `form.guardians.mobile`, `student.id`.
 */
import type * as z from 'zod';

interface Def {
  readonly type: string;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly shape?: Record<string, unknown>;
  readonly element?: unknown;
  readonly options?: readonly unknown[];
  readonly valueType?: unknown;
  getter?(): unknown;
}
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;
const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: unknown): Def | undefined {
  let d = defOf(s);
  for (let i = 0; d && i < 10; i++) {
    if (wrappers.has(d.type)) d = defOf(d.innerType);
    else if (d.type === 'pipe') d = defOf(d.in);
    else if (d.type === 'lazy' && d.getter) d = defOf(d.getter());
    else break;
  }
  return d;
}

export function schemaPaths(schema: z.ZodType): string[] {
  const out = new Set<string>();
  const walk = (s: unknown, path: string) => {
    const d = unwrap(s);
    if (!d) return;
    if (d.type === 'object' && d.shape)
      for (const [k, v] of Object.entries(d.shape)) {
        const p = path ? `${path}.${k}` : k;
        out.add(p);
        walk(v, p);
      }
    else if (d.type === 'array') walk(d.element, path);
    else if ((d.type === 'union' || d.type === 'discriminatedUnion') && d.options)
      for (const o of d.options) walk(o, path);
  };
  walk(schema, '');
  return [...out].sort();
}
