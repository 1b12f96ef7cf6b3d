// Browser journeys: Debian Chromium via playwright-core against the H5 build on the local host.
const { displayName: _local, ...base } = require('./jest.config.js').projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tests/browser'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180000,
  maxWorkers: 1,
};
