/**
 * What docs/cloud.md tells a county's engineer to set up — the collections to create, the indexes
 * on them, each function's timeout and memory — read back from the document itself, so the SDK
 * double is configured from it: a collection missing from the document answers -502005 and a
 * query no documented index serves is refused. The functions' config.json files are read too.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IndexSpec } from './wxQuery';

const root = resolve(__dirname, '..', '..');

export interface FunctionLimits {
  readonly name: string;
  readonly timeoutS: number;
  readonly memoryMb: number;
}

export interface CloudDocs {
  readonly collections: readonly string[];
  readonly indexes: readonly IndexSpec[];
  readonly functions: readonly FunctionLimits[];
  /** The Node.js runtime the document names. */
  readonly runtime: string | null;
}

function section(md: string, heading: string): string {
  const start = md.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`docs/cloud.md has no "## ${heading}" section`);
  const rest = md.slice(start + 3);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

const tableRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((l) => /^\|\s*`/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim()),
    );

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

export function cloudDocsRead(path = join(root, 'docs', 'cloud.md')): CloudDocs {
  const md = readFileSync(path, 'utf8');
  const collections: string[] = [];
  const indexes: IndexSpec[] = [];
  for (const row of tableRows(section(md, 'Collections and indexes'))) {
    const name = ticked(row[0] ?? '')[0];
    if (!name) continue;
    collections.push(name);
    for (const ix of ticked(row[row.length - 1] ?? ''))
      indexes.push({ collection: name, fields: ix.split(',').map((f) => f.trim()) });
  }
  const functions: FunctionLimits[] = [];
  const fnSection = section(md, 'Functions');
  for (const row of tableRows(fnSection)) {
    const name = ticked(row[0] ?? '')[0];
    const timeout = /(\d+)\s*s/.exec(row[1] ?? '');
    const memory = /(\d+)\s*MB/.exec(row[2] ?? '');
    if (name && timeout && memory)
      functions.push({ name, timeoutS: Number(timeout[1]), memoryMb: Number(memory[1]) });
  }
  const runtime = /runtime[^\n]*?`(Nodejs[\d.]+)`/i.exec(fnSection)?.[1] ?? null;
  return { collections, indexes, functions, runtime };
}

export interface FunctionConfig {
  readonly name: string;
  readonly timeout: number;
  readonly memorySize: number | null;
  readonly runtime: string | null;
  readonly openapi: readonly string[];
}

/** Each cloudfunctions/<name>/config.json. */
export function functionConfigsRead(): FunctionConfig[] {
  const dir = join(root, 'cloudfunctions');
  return readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, 'config.json')))
    .sort()
    .map((name) => {
      const c = JSON.parse(readFileSync(join(dir, name, 'config.json'), 'utf8')) as {
        timeout?: number;
        memorySize?: number;
        runtime?: string;
        permissions?: { openapi?: string[] };
      };
      return {
        name,
        timeout: c.timeout ?? 3,
        memorySize: c.memorySize ?? null,
        runtime: c.runtime ?? null,
        openapi: c.permissions?.openapi ?? [],
      };
    });
}
