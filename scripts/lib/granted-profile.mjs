/**
 * A Chromium profile in which the person already answered "Allow" to Tessera's request for one
 * origin (and, when named, optional API permissions such as clipboardWrite). Headless Chromium shows the `permissions.request` prompt but nothing can click it (no
 * switch or CDP command accepts it; chrome.developerPrivate.addHostPermission does not cover
 * optional permissions), so this starts the profile once, writes the grant into its Preferences
 * exactly where Chromium keeps an accepted optional permission, and starts it again. The shipped
 * manifest is untouched, and the popup still calls `permissions.request` in the click: with the
 * grant in place Chromium resolves it `true` without a prompt, as for a person who allowed it
 * before. What this cannot test is the prompt itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, EXTENSION_DIR } from './extension-browser.mjs';

/**
 * @param {string | null} pattern e.g. 'http://127.0.0.1/*', or null for no origin
 * @param {string[]} [api] optional API permissions granted too, e.g. ['clipboardWrite']
 */
export async function launchWithGrant(pattern, api = []) {
  const profile = mkdtempSync(path.join(tmpdir(), 'tessera-granted-'));
  const first = await launch({ keepProfile: profile });
  await first.close();
  const prefsPath = path.join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(prefsPath, 'utf8'));
  const entry = Object.values(prefs.extensions.settings).find((e) => e.path === EXTENSION_DIR);
  if (!entry) throw new Error('the extension is missing from the profile');
  for (const key of ['granted_permissions', 'active_permissions', 'runtime_granted_permissions']) {
    entry[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
    if (pattern && !entry[key].explicit_host.includes(pattern)) entry[key].explicit_host.push(pattern);
    for (const name of api) if (!entry[key].api.includes(name)) entry[key].api.push(name);
  }
  writeFileSync(prefsPath, JSON.stringify(prefs));
  const h = await launch({ keepProfile: profile });
  return Object.assign(h, {
    async dispose() {
      await h.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}
