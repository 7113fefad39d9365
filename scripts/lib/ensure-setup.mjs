// Makes `npm start` and `npm test` work on a fresh checkout: installs the npm dependencies when
// they are missing, and says plainly which browser to install when one is. Node built-ins only,
// since it runs before anything is installed.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function ensureDependencies() {
  if (existsSync('node_modules/.package-lock.json')) return;
  console.log('First run: installing the npm dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** @param {{ name: string, env: string, paths: string[], apt: string }[]} browsers */
export function requireBrowsers(browsers) {
  const missing = browsers.filter((b) => !(process.env[b.env] && existsSync(process.env[b.env])) && !b.paths.some((p) => existsSync(p)));
  if (missing.length === 0) return;
  for (const b of missing) console.error(`${b.name} is not installed. On Debian: apt-get install ${b.apt} (or set ${b.env} to its path).`);
  process.exit(1);
}

export const CHROMIUM = { name: 'Chromium', env: 'CHROMIUM_PATH', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], apt: 'chromium' };
export const FIREFOX = { name: 'Firefox ESR', env: 'FIREFOX_PATH', paths: ['/usr/bin/firefox-esr'], apt: 'firefox-esr' };
