/**
 * Bundles each cloudfunctions/<fn>/index.ts with shared/ and server/ into a deployable index.js
 * (node, CommonJS, node16; wx-server-sdk stays external and is installed by the cloud from the
 * function's own package.json). Fails if a bundle pulls in something that must never ship.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const fnRoot = join(root, 'cloudfunctions');
/** The embedded database is for the local host only (≈ 770 MB in a function). */
const FORBIDDEN = ['@electric-sql/pglite', 'playwright-core', '@tarojs/'];

async function main(): Promise<void> {
  const names = readdirSync(fnRoot).filter((n) => existsSync(join(fnRoot, n, 'index.ts')));
  let failed = false;
  for (const name of names) {
    const res = await build({
      entryPoints: [join(fnRoot, name, 'index.ts')],
      outfile: join(fnRoot, name, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node16',
      external: ['wx-server-sdk'],
      metafile: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const inputs = Object.keys(res.metafile.inputs);
    const bad = inputs.filter((i) => FORBIDDEN.some((f) => i.includes(`node_modules/${f}`)));
    // HiGHS (the rotation planner's solver) loads its WebAssembly from beside the bundle.
    if (inputs.some((i) => i.includes('node_modules/highs/')))
      copyFileSync(
        join(root, 'node_modules', 'highs', 'build', 'highs.wasm'),
        join(fnRoot, name, 'highs.wasm'),
      );
    const size = statSync(join(fnRoot, name, 'index.js')).size;
    console.log(
      `cloudfunctions/${name}/index.js  ${(size / 1024).toFixed(1)} KB  (${inputs.length} modules)`,
    );
    if (bad.length > 0) {
      failed = true;
      console.error(
        `  ✗ bundles modules that must not ship in a cloud function: ${bad.slice(0, 5).join(', ')}`,
      );
    }
  }
  if (failed) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
