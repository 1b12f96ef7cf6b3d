/**
 * Prints the weapp build's main-package and per-subpackage sizes from dist/. WeChat refuses a
 * package over 2 MB (main or any subpackage) and a total over 20 MB; we warn from 1.5 MB.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const LIMIT = 2 * 1024 * 1024;
const WARN = 1.5 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;
const dist = resolve(__dirname, '..', 'dist');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Files the packager leaves out of the uploaded package. */
const shipped = (rel: string): boolean =>
  !rel.endsWith('.map') && !rel.endsWith('.LICENSE.txt') && rel !== 'project.config.json';

function main(): void {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['(main)', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const f of files(dist)) {
    const rel = relative(dist, f).split(sep).join('/');
    if (!shipped(rel)) continue;
    const pkg = roots.find((r) => rel.startsWith(`${r}/`)) ?? '(main)';
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + statSync(f).size);
  }
  let total = 0;
  let failed = false;
  console.log('weapp package sizes (limit 2048 KB each, 20 MB total):');
  for (const [pkg, size] of sizes) {
    total += size;
    const flag = size > LIMIT ? '✗ over the 2 MB limit' : size > WARN ? '! over 1.5 MB' : 'ok';
    if (size > LIMIT) failed = true;
    console.log(`  ${pkg.padEnd(20)} ${(size / 1024).toFixed(1).padStart(8)} KB  ${flag}`);
  }
  console.log(`  ${'total'.padEnd(20)} ${(total / 1024).toFixed(1).padStart(8)} KB`);
  if (total > TOTAL_LIMIT) failed = true;
  if (failed) {
    console.error('weapp size check failed');
    process.exit(1);
  }
}

main();
