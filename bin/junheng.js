#!/usr/bin/env node
// `npx junheng …`: runs the TypeScript command line (scripts/cli.ts) with tsx, passing the
// arguments and the exit code through.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(__dirname, '..', 'scripts', 'cli.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(res.status ?? 1);
