// `node scripts/e2e-firefox.mjs`: the built dist/firefox in a real firefox-esr (headless, fresh
// profile), through test/firefox/smoke.firefox.mjs. Build first (`node scripts/build.mjs firefox`).
// Tests run in order and build on each other, so after the first failure the rest are counted
// as failed (not run) instead of each waiting out its timeout. Exit code 0 only if all passed.
// Set FIREFOX_PATH to use another Firefox than /usr/bin/firefox-esr.
import { setup, teardown, tests } from '../test/firefox/smoke.firefox.mjs';

const TOTAL_BUDGET_MS = 120_000; // a hung browser must not hang the suite

let passed = 0;
let failed = 0;
const started = Date.now();

/** @param {unknown} err */
const why = (err) => (err instanceof Error ? err.message : String(err)).split('\n').slice(0, 6).join('\n    ');

const watchdog = setTimeout(() => {
  console.log(`firefox: gave up after ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`firefox: ${passed} passed, ${tests.length - passed} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);

let blocked = '';
try {
  await setup();
} catch (err) {
  blocked = `setup failed: ${why(err)}`;
  console.log(`✗ launch firefox and install dist/firefox\n    ${why(err)}`);
}

for (const test of tests) {
  if (blocked) {
    failed++;
    console.log(`✗ ${test.name} (not run: ${blocked.split('\n')[0]})`);
    continue;
  }
  const t0 = Date.now();
  try {
    await test.run();
    passed++;
    console.log(`✓ ${test.name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    blocked = `"${test.name}" failed`;
    console.log(`✗ ${test.name} (${Date.now() - t0} ms)\n    ${why(err)}`);
  }
}

await teardown().catch(() => {});
clearTimeout(watchdog);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`firefox: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
