// Builds dist/chrome and dist/firefox, one Vite run per browser (their manifests differ).
import { build } from 'vite';

const only = process.argv[2];
for (const mode of ['chrome', 'firefox']) {
  if (only && only !== mode) continue;
  await build({ mode, logLevel: process.env.CI ? 'warn' : 'info' });
}
