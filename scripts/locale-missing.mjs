// Lists, per locale, the keys its messages.json lacks compared with English (plural families
// count per category of that locale). Translate those into scripts/locales/<locale>.mjs, then run
// node scripts/locales-build.mjs. Exit code 1 when anything is missing.
import { readdirSync, readFileSync } from 'node:fs';
import { expectedKeys } from './lib/locale-keys.mjs';

const root = new URL('../public/_locales/', import.meta.url);
const read = (folder) => JSON.parse(readFileSync(new URL(`${folder}/messages.json`, root), 'utf8'));
const english = read('en');
let missingAny = false;
for (const folder of readdirSync(root).filter((f) => f !== 'en').sort()) {
  const have = read(folder);
  const missing = [...expectedKeys(english, folder).keys()].filter((k) => !(k in have));
  if (missing.length) missingAny = true;
  console.log(`${folder}: ${missing.length ? `${missing.length} missing: ${missing.join(', ')}` : 'complete'}`);
}
if (missingAny) process.exitCode = 1;
