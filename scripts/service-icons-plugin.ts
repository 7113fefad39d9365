/**
 * Ships the service icons: for each service in data/service-icons.json, its glyph from the
 * CC0 `simple-icons` package drawn on a tile of its brand colour, as dist/<browser>/service-icons/
 * <slug>.svg, plus service-icons/index.json (normalised names and domains → slug). The popup
 * loads the index after its first screen and each icon with <img>, from the package only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { serviceKey, type ServiceIndex } from '../src/core/icons/match-service';

interface SimpleIcon {
  title: string;
  slug: string;
  hex: string;
  aliases?: { aka?: string[]; dup?: { title: string }[]; loc?: Record<string, string> };
  license?: { type: string };
}

const require = createRequire(import.meta.url);
const ICONS_DIR = path.dirname(require.resolve('simple-icons/icons/github.svg'));
const DATA_FILE = require.resolve('simple-icons/icons.json');
const ROOT = path.resolve(import.meta.dirname, '..');

/** Black or white glyph, whichever reads better on the brand colour (WCAG relative luminance). */
function glyphColour(hex: string): string {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return l > 0.4 ? '#000' : '#fff';
}

export function serviceIconFiles(): { files: Map<string, string>; index: ServiceIndex } {
  const curated: Record<string, string[]> = JSON.parse(readFileSync(path.join(ROOT, 'data/service-icons.json'), 'utf8')).services;
  const all: SimpleIcon[] = JSON.parse(readFileSync(DATA_FILE, 'utf8'));
  const bySlug = new Map(all.map((i) => [i.slug, i]));
  const files = new Map<string, string>();
  const index: ServiceIndex = { names: {}, domains: {} };
  for (const [slug, domains] of Object.entries(curated)) {
    const icon = bySlug.get(slug);
    if (!icon) throw new Error(`data/service-icons.json: simple-icons has no icon "${slug}"`);
    // The package is CC0, but an icon may carry its own licence: ship only CC0 ones.
    if (icon.license && icon.license.type !== 'CC0-1.0') throw new Error(`simple-icons ${slug} is ${icon.license.type}, not CC0`);
    const d = /<path d="([^"]+)"/.exec(readFileSync(path.join(ICONS_DIR, `${slug}.svg`), 'utf8'))?.[1];
    if (!d) throw new Error(`simple-icons ${slug}.svg has no single path`);
    files.set(
      `${slug}.svg`,
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#${icon.hex}"/>` +
        `<path transform="translate(6 6) scale(.8333)" fill="${glyphColour(icon.hex)}" d="${d}"/></svg>`,
    );
    const names = [icon.title, slug, ...(icon.aliases?.aka ?? []), ...(icon.aliases?.dup ?? []).map((x) => x.title), ...Object.values(icon.aliases?.loc ?? {})];
    for (const name of names) {
      const key = serviceKey(name);
      if (key && !(key in index.names)) index.names[key] = slug;
    }
    for (const domain of domains) index.domains[domain] = slug;
  }
  files.set('index.json', JSON.stringify(index));
  return { files, index };
}

export function serviceIcons(): Plugin {
  return {
    name: 'tessera:service-icons',
    apply: 'build',
    generateBundle() {
      for (const [name, source] of serviceIconFiles().files) this.emitFile({ type: 'asset', fileName: `service-icons/${name}`, source });
    },
  };
}
