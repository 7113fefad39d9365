/**
 * A Chromium profile in which the person already answered "Allow" to Tessera's request for one
 * origin. Headless Chromium shows the `permissions.request` prompt but nothing can click it (no
 * switch or CDP command accepts it; chrome.developerPrivate.addHostPermission does not cover
 * optional permissions), so the test starts the profile once, writes the grant into its
 * Preferences exactly where Chromium keeps an accepted optional permission, and starts it again.
 * The shipped manifest is untouched, and the popup still calls `permissions.request` in the
 * click: with the grant in place Chromium resolves it `true` without a prompt, as for a person
 * who allowed it before. What this cannot test is the prompt itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, EXTENSION_DIR, type Harness } from './harness';

export async function launchWithGrant(pattern: string): Promise<Harness & { dispose(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'tessera-granted-'));
  const first = await launch({ keepProfile: profile });
  await first.close();
  const prefsPath = path.join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(prefsPath, 'utf8'));
  const entry = Object.values(prefs.extensions.settings as Record<string, { path?: string; [k: string]: unknown }>).find((e) => e.path === EXTENSION_DIR);
  if (!entry) throw new Error('the extension is missing from the profile');
  const empty = () => ({ api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] });
  for (const key of ['granted_permissions', 'active_permissions', 'runtime_granted_permissions']) {
    const set = (entry[key] ??= empty()) as { explicit_host: string[] };
    if (!set.explicit_host.includes(pattern)) set.explicit_host.push(pattern);
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
