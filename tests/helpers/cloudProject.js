// The "cloud" jest project: harnessOpen() runs the functions on the CloudBase adapter over the
// strict SDK double instead of PGlite.
process.env.JUNHENG_TEST_STORE = 'cloud';
