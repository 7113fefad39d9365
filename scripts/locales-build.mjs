// Writes public/_locales/<locale>/messages.json for every translation table in scripts/locales/
// (English has its own source, scripts/locale-en.mjs). Placeholders are copied from the English
// message, so every locale maps $NAME$ to the same substitution. Run after editing a table:
//   node scripts/locales-build.mjs
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bcp47, englishSource, pluralBase } from './lib/locale-keys.mjs';

const root = new URL('../public/_locales/', import.meta.url);
const english = JSON.parse(readFileSync(new URL('en/messages.json', root), 'utf8'));
const names = (message) => [...message.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1]).sort();
const problems = [];

for (const file of readdirSync(new URL('./locales/', import.meta.url)).filter((f) => f.endsWith('.mjs')).sort()) {
  const folder = file.replace(/\.mjs$/, '');
  const { default: table } = await import(new URL(`./locales/${file}`, import.meta.url));
  const out = { localeTag: { message: bcp47(folder) } };
  for (const [key, message] of Object.entries(table)) {
    const source = englishSource(english, key);
    if (!source) {
      problems.push(`${folder}: ${key} is not an English key (renamed or removed?)`);
      continue;
    }
    const want = Object.keys(english[source].placeholders ?? {}).map((n) => n.toUpperCase()).sort();
    // A plural form for exactly one number (Arabic "حسابان", two accounts) may spell the count out.
    const got = names(message);
    const same = got.join() === want.join() || (pluralBase(key) && got.join() === want.filter((n) => n !== 'N').join());
    if (!same) problems.push(`${folder}: ${key} has placeholders [${got}], English [${want}]`);
    out[key] = { message };
    if (english[source].placeholders) out[key].placeholders = english[source].placeholders;
  }
  mkdirSync(new URL(`${folder}/`, root), { recursive: true });
  writeFileSync(new URL(`${folder}/messages.json`, root), JSON.stringify(out, null, 2) + '\n');
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
