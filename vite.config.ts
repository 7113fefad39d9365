/**
 * Builds the extension for one browser per run: `vite build --mode chrome` writes dist/chrome
 * (MV3 service worker), `--mode firefox` writes dist/firefox (MV3 background.scripts and a
 * gecko id). scripts/build.mjs runs both.
 */
import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';

const base = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
const GECKO_ID = 'tessera@tessera.invalid';

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  if (browser === 'chrome') return base;
  const { background, ...rest } = base;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    // Firefox 140+ reads data_collection_permissions; Tessera collects nothing.
    browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } },
  };
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [crx({ manifest: manifestFor(browser), browser })],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The background carries the Public Suffix List, Argon2 (WASM) and jsQR; pages never load it.
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: { backup: 'src/pages/backup/index.html' } },
    },
  };
});
