/**
 * The layers hold only if nothing below imports from above. This reads every import in src/
 * (static, dynamic and `?script` URLs alike) and checks it against the table below, so a
 * shortcut such as the page agent importing a background helper fails here, not in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** For each layer, the other layers of src/ it may import from (its own is always allowed). */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  shared: ['core'],
  content: ['core'],
  ui: ['core', 'shared'],
  popup: ['core', 'shared', 'ui'],
  pages: ['core', 'shared', 'ui', 'popup'],
  background: ['core', 'shared', 'content', 'offscreen'],
  // Chromium's offscreen document is the background's helper page (decoding, the clipboard):
  // it runs the background's own code in a DOM, so it may use it.
  offscreen: ['core', 'shared', 'background'],
};

/** Packages that talk to the browser: core must stay runnable in Node without them. */
const EXTENSION_PACKAGES = ['webextension-polyfill'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

function importsOf(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0]!;

function violations(file: string, text: string): string[] {
  const from = layerOf(file);
  const found: string[] = [];
  for (const spec of importsOf(text)) {
    if (!spec.startsWith('.')) {
      if (from === 'core' && EXTENSION_PACKAGES.includes(spec)) found.push(`${path.relative(SRC, file)} imports ${spec}`);
      continue;
    }
    const rel = path.relative(SRC, path.resolve(path.dirname(file), spec.split('?')[0]!));
    if (rel.startsWith('..')) continue; // outside src/ (a data file at the root) is no layer
    const to = rel.split(path.sep)[0]!;
    if (to !== from && !MAY_IMPORT[from]!.includes(to)) found.push(`${path.relative(SRC, file)} (${from}) imports ${spec} (${to})`);
  }
  return found;
}

// Test files may reach across layers to set things up; type declarations at the root are no layer.
const files = sourceFiles(SRC).filter((f) => !/\.test\.tsx?$/.test(f) && path.dirname(f) !== SRC);

describe('import graph', () => {
  it('finds the layers it guards', () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of Object.keys(MAY_IMPORT)) expect(layers, `src/${layer} exists`).toContain(layer);
  });

  it('every layer of src/ is listed in the table', () => {
    for (const file of files) expect(Object.keys(MAY_IMPORT), `layer of ${path.relative(SRC, file)}`).toContain(layerOf(file));
  });

  it('nothing below imports from above', () => {
    expect(files.flatMap((f) => violations(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the checker sees a violation when there is one', () => {
    // A guard that never fires proves nothing: feed it lines it must reject and lines it must allow.
    const text = [
      "import { t } from '../ui/i18n';",
      "import type { X } from '../background/vault-session';",
      "const m = await import('../popup/app');",
      "import browser from 'webextension-polyfill';",
      "import { siteOf } from './site/site-of-url';",
    ].join('\n');
    expect(violations(path.join(SRC, 'core', 'fake.ts'), text).sort()).toEqual([
      'core/fake.ts (core) imports ../ui/i18n (ui)',
      'core/fake.ts (core) imports ../background/vault-session (background)',
      'core/fake.ts (core) imports ../popup/app (popup)',
      'core/fake.ts imports webextension-polyfill',
    ].sort());
    expect(violations(path.join(SRC, 'popup', 'fake.ts'), text).join()).toContain('background');
    expect(violations(path.join(SRC, 'pages', 'x', 'fake.ts'), "import { t } from '../../ui/i18n';")).toEqual([]);
  });
});
