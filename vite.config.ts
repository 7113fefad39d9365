/**
 * Builds the extension for one browser per run: `vite build --mode chrome` writes dist/chrome
 * (MV3 service worker), `--mode firefox` writes dist/firefox (MV3 background.scripts and a
 * gecko id). scripts/build.mjs runs both.
 */
import { defineConfig, type Plugin } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serviceIcons } from './scripts/service-icons-plugin';

const base = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
const GECKO_ID = 'tessera@tessera.invalid';

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  if (browser === 'chrome') return base;
  const { background, permissions, ...rest } = base;
  return {
    ...rest,
    // Firefox has no offscreen documents: its background page decodes and clears the clipboard itself.
    permissions: permissions.filter((p: string) => p !== 'offscreen'),
    background: { scripts: [background.service_worker], type: 'module' },
    // Firefox 140+ reads data_collection_permissions; Tessera collects nothing.
    // gecko_android: Firefox for Android runs it too (its popup opens as a 360 px wide page).
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '140.0' },
    },
  };
}

/**
 * crxjs lists every `?script` file as web-accessible to all sites. Tessera's scripts are injected
 * with scripting.executeScript / registerContentScripts, which need no such entry, and an
 * exposed file only lets any page detect that Tessera is installed: drop those entries.
 */
function noWebAccessibleScripts(outDir: string): Plugin {
  return {
    name: 'tessera:no-web-accessible-scripts',
    apply: 'build',
    writeBundle() {
      const file = path.join(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      const isOurScript = (r: string) => /^src\/content\/.+\.iife\.js$/.test(r);
      const kept = (manifest.web_accessible_resources ?? []).filter(
        (entry: { resources: string[] }) => !entry.resources.every(isOurScript),
      );
      if (kept.length) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      writeFileSync(file, JSON.stringify(manifest, null, 2));
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [crx({ manifest: manifestFor(browser), browser }), noWebAccessibleScripts(`dist/${browser}`), serviceIcons()],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      // TESSERA_SOURCEMAP=1 node scripts/build.mjs: maps for measuring what each bundle carries.
      sourcemap: process.env.TESSERA_SOURCEMAP === "1",
      // The background carries the Public Suffix List, Argon2 (WASM) and jsQR; pages never load it.
      chunkSizeWarningLimit: 800,
      rollupOptions: {
        input: {
          backup: 'src/pages/backup/index.html',
          passkey: 'src/pages/passkey/index.html',
          ...(browser === 'chrome' ? { offscreen: 'src/offscreen/index.html' } : {}),
        },
      },
    },
  };
});
