// The command line's prebuilt bundle: scripts/cli.ts and everything it imports, bundled by esbuild
// into one CommonJS file under node_modules/.cache/junheng-cli, so a call starts in plain node
// (no TypeScript compiled per call). A manifest keeps every input file's size, mtime and SHA-256,
// plus package.json and package-lock.json: if any input's content changed (sizes and mtimes are a
// fast first look; content decides) the bundle is rebuilt before it runs, so it is never stale.
// `npm run build:cli` builds it ahead; a fresh clone builds it on first use.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const root = resolve(__dirname, '..');
// JUNHENG_CLI_CACHE moves the cache (the tests use their own).
const cacheDir = process.env.JUNHENG_CLI_CACHE
  ? resolve(process.env.JUNHENG_CLI_CACHE)
  : join(root, 'node_modules', '.cache', 'junheng-cli');
const bundlePath = join(cacheDir, 'cli.js');
const manifestPath = join(cacheDir, 'manifest.json');
const FORMAT = 2;
/** Resolved from node_modules at run time: large WebAssembly packages that find their files beside them. */
const EXTERNAL = ['@electric-sql/pglite', 'highs'];
/** Files outside the import graph whose change must rebuild (dependency versions, this builder). */
const ALSO = ['package.json', 'package-lock.json', 'bin/cliBundle.js'];

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

function manifestRead() {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return m && m.format === FORMAT && m.root === root && existsSync(bundlePath) ? m : null;
  } catch {
    return null;
  }
}

/** Whether every input still has the content the bundle was built from. */
function fresh(m) {
  for (const [file, rec] of Object.entries(m.inputs)) {
    const path = join(root, file);
    let st;
    try {
      st = statSync(path);
    } catch {
      return false;
    }
    if (st.size === rec.size && st.mtimeMs === rec.mtimeMs) continue;
    if (st.size !== rec.size || sha(path) !== rec.sha256) return false;
  }
  return true;
}

/** Builds the bundle and its manifest (written beside, then renamed: a crash never leaves half). */
function build() {
  const esbuild = require('esbuild');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'error',
    absWorkingDir: root,
    // The external packages resolve from this checkout's node_modules wherever the cache is.
    banner: { js: `module.paths.unshift(${JSON.stringify(join(root, 'node_modules'))});` },
  };
  const cli = esbuild.buildSync({ ...common, entryPoints: [join(root, 'scripts', 'cli.ts')] });
  // The data commands' database runs in a worker thread started from the bundle's directory
  // (server/store/pgliteWorker.ts): its entry and a bundle of the worker go beside the CLI's.
  const worker = esbuild.buildSync({
    ...common,
    entryPoints: [join(root, 'server', 'store', 'pgliteWorkerMain.ts')],
  });
  const files = [...Object.keys(cli.metafile.inputs), ...Object.keys(worker.metafile.inputs)].filter(
    (f) => !f.startsWith('node_modules/'),
  );
  files.push(...ALSO.filter((f) => existsSync(join(root, f))));
  const inputs = {};
  for (const f of [...new Set(files)].sort()) {
    const path = join(root, f);
    const st = statSync(path);
    inputs[relative(root, path)] = { size: st.size, mtimeMs: st.mtimeMs, sha256: sha(path) };
  }
  mkdirSync(cacheDir, { recursive: true });
  const put = (name, contents) => {
    const tmp = join(cacheDir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, contents);
    renameSync(tmp, join(cacheDir, name));
  };
  put('pgliteWorkerMain.js', worker.outputFiles[0].contents);
  put(
    'pgliteWorkerEntry.mjs',
    "import { createRequire } from 'node:module';\ncreateRequire(import.meta.url)('./pgliteWorkerMain.js');\n",
  );
  put('cli.js', cli.outputFiles[0].contents);
  put('manifest.json', JSON.stringify({ format: FORMAT, root, esbuild: esbuild.version, inputs }, null, 1));
}

/** The path of an up-to-date bundle, building it first when missing or stale. */
function cliBundle() {
  const m = manifestRead();
  if (!m || !fresh(m)) build();
  return bundlePath;
}

module.exports = { cliBundle, build, bundlePath };
