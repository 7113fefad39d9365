// `npm test`: the whole suite, in the order a failure is cheapest to find.
// type-check → unit/integration tests (core, demo portal) → build both browsers → Firefox lint →
// end-to-end tests in Chromium, then a smoke run of the Firefox build in firefox-esr. Prints one closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { ensureDependencies, requireBrowsers, CHROMIUM, FIREFOX } from './lib/ensure-setup.mjs';

ensureDependencies();
requireBrowsers([CHROMIUM, FIREFOX]);

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit tests', 'npx', ['vitest', 'run']],
  ['build', 'node', ['scripts/build.mjs']],
  ['firefox lint', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--self-hosted', '--output', 'text']],
  ['end-to-end tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
  ['end-to-end tests (Firefox)', 'node', ['scripts/e2e-firefox.mjs']],
];

let passed = 0;
let failed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    console.log(`--- ${name}: ok (${seconds} s)`);
  } else {
    failed++;
    console.log(`--- ${name}: FAILED (${seconds} s)`);
    if (name === 'type-check' || name === 'build') break; // later steps depend on these
  }
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
