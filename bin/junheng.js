#!/usr/bin/env node
// `npx junheng …`: runs the command line's prebuilt bundle (bin/cliBundle.js builds it from
// scripts/cli.ts when it is missing or any source changed), in this process, in plain node.
'use strict';
const { cliBundle } = require('./cliBundle');

require(cliBundle());
