// `node scripts/e2e-firefox.mjs`: the built dist/firefox in a real firefox-esr (headless, fresh
// profile per suite), through the suites in test/firefox/ (*.firefox.mjs), one after another so
// only one browser runs at a time. Build first (`node scripts/build.mjs firefox`).
// Within a suite tests run in order and build on each other, so after the first failure the rest
// of that suite are counted as failed (not run) instead of each waiting out its timeout; the next
// suite still runs. Exit code 0 only if all passed.
// Set FIREFOX_PATH to use another Firefox than /usr/bin/firefox-esr. An argument runs only the
// suites whose title contains it (`node scripts/e2e-firefox.mjs portal`).
// The portal, vault and backup suites open the popup through the real toolbar action (see
// test/firefox/firefox-harness.mjs).
import * as smoke from '../test/firefox/smoke.firefox.mjs';
import * as autoFill from '../test/firefox/auto-fill.firefox.mjs';
import * as portal from '../test/firefox/portal.firefox.mjs';
import * as backup from '../test/firefox/backup.firefox.mjs';
import * as passkey from '../test/firefox/passkey.firefox.mjs';
import * as vault from '../test/firefox/vault.firefox.mjs';
import * as fieldsCorpus from '../test/firefox/fields-corpus.firefox.mjs';
import * as backupFiles from '../test/firefox/backup-files.firefox.mjs';
import * as restart from '../test/firefox/restart.firefox.mjs';
import * as keyboard from '../test/firefox/keyboard.firefox.mjs';

/** @type {{ title: string, setup: () => Promise<void>, teardown: () => Promise<void>, tests: { name: string, run: () => Promise<void> }[] }[]} */
const SUITES = [
  { title: 'launch firefox and install dist/firefox', ...smoke },
  { ...autoFill, title: `${autoFill.title}: launch firefox and install dist/firefox` },
  { ...portal, title: `${portal.title}: launch firefox and install dist/firefox` },
  { ...vault, title: `${vault.title}: launch firefox and install dist/firefox` },
  { ...backup, title: `${backup.title}: launch firefox and install dist/firefox` },
  { ...backupFiles, title: `${backupFiles.title}: launch firefox and install dist/firefox` },
  { ...keyboard, title: `${keyboard.title}: launch firefox and install dist/firefox` },
  { ...restart, title: `${restart.title}: launch firefox, install dist/firefox permanently, quit and start again` },
  { ...(await import('../test/firefox/locale.firefox.mjs')) },
  { ...passkey, title: `${passkey.title}: launch firefox and install dist/firefox` },
  { ...fieldsCorpus, title: `${fieldsCorpus.title}: launch firefox and install dist/firefox` },
];
// `node scripts/e2e-firefox.mjs portal` runs only the suites whose title contains "portal".
const only = process.argv[2];
if (only) SUITES.splice(0, SUITES.length, ...SUITES.filter((s) => s.title.includes(only)));
const TOTAL_BUDGET_MS = 480_000; // a hung browser must not hang the suite (a run takes ~2.5 min)

let passed = 0;
let failed = 0;
const started = Date.now();
const total = SUITES.reduce((n, s) => n + s.tests.length, 0);

/** @param {unknown} err */
const why = (err) => (err instanceof Error ? err.message : String(err)).split('\n').slice(0, 6).join('\n    ');

const watchdog = setTimeout(() => {
  console.log(`firefox: gave up after ${TOTAL_BUDGET_MS / 1000} s`);
  console.log(`firefox: ${passed} passed, ${total - passed} failed`);
  process.exit(1);
}, TOTAL_BUDGET_MS);

for (const suite of SUITES) {
  let blocked = '';
  try {
    await suite.setup();
  } catch (err) {
    blocked = `setup failed: ${why(err)}`;
    console.log(`✗ ${suite.title}\n    ${why(err)}`);
  }

  for (const test of suite.tests) {
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

  await suite.teardown().catch(() => {});
}

clearTimeout(watchdog);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`firefox: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
