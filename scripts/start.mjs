// `npm start`: build the extension, start the demo portal, and show the whole product.
// With a display: opens Chromium with Tessera loaded on the portal's sign-up page.
// Without one (or with `npm start -- --headless`): runs the guided walkthrough headless,
// printing each step and saving a screenshot of each into artifacts/walkthrough/.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDependencies, requireBrowsers, CHROMIUM } from './lib/ensure-setup.mjs';

// Dependencies first: the modules below need them.
ensureDependencies();
requireBrowsers([CHROMIUM]);
const { startPortal } = await import('../demo/portal.mjs');
const { chromiumPath, EXTENSION_DIR } = await import('./lib/extension-browser.mjs');
const { runWalkthrough } = await import('./lib/walkthrough.mjs');

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

console.log('Building the extension…');
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, CI: '1' } });
if (built.status !== 0) process.exit(built.status ?? 1);

if (headless) {
  const ok = await runWalkthrough({ log: console.log, screenshotDir: path.resolve('artifacts/walkthrough') });
  process.exit(ok ? 0 : 1);
}

const portal = await startPortal({ port: Number(process.env.PORT ?? 8080) }).catch(() => startPortal({ port: 0 }));
const profile = mkdtempSync(path.join(tmpdir(), 'tessera-start-'));
const browser = spawn(
  chromiumPath(),
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    `${portal.url}/register`,
  ],
  { stdio: 'ignore' },
);

console.log(`
Tessera is loaded in Chromium, on the demo portal at ${portal.url}

Try it:
  1. Click Tessera's toolbar icon (puzzle piece → pin it) and create a vault.
  2. Sign up on the portal, open Security Settings, and enable two-factor authentication.
  3. On the QR code step, open Tessera and press "Scan QR code", then "Add": the code is filled in. Press Submit.
  4. Log out and log in again: on the code prompt, open Tessera and press "Fill" (or Alt+Shift+F).
  5. "Export backup" in the popup saves an encrypted backup.

Press Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  browser.kill('SIGTERM');
  await portal.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
browser.on('exit', () => void stop());
