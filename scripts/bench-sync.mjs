// Sync budget (issue 14): 1,000 accounts synced to an empty device in at most 5 s plus one KDF,
// through Debian's apache2 + mod_dav on 127.0.0.1, measured in Chromium on the built extension.
// Part of `npm run bench`; `node scripts/bench-sync.mjs` runs it alone (after a build).
import { createHmac } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { launchWithGrant } from './lib/granted-profile.mjs';
import { startWebDav } from './lib/webdav-server.mjs';

const PASS = 'bench passphrase 123';

function b32(bytes) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0, out = '';
  for (const b of bytes) { value = (value << 8) | b; bits += 8; while (bits >= 5) { out += A[(value >>> (bits - 5)) & 31]; bits -= 5; } }
  return bits ? out + A[(value << (5 - bits)) & 31] : out;
}
const list = (n) => Array.from({ length: n }, (_, i) => `otpauth://totp/Sync%20${i}:user${i}%40example.com?secret=${b32(createHmac('sha1', 'sync').update(String(i)).digest())}&issuer=Sync%20${i}`).join('\n');

async function send(page, type, payload) {
  const reply = await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  if (!reply?.ok) throw new Error(`${type}: ${reply?.error?.message}`);
  return reply.value;
}

/** @param {(what: string, value: string, budget?: string, ok?: boolean) => void} report */
export async function benchSync(report, n = 1000) {
  console.log('\nSync (apache2 mod_dav on 127.0.0.1):');
  const server = await startWebDav();
  const a = await launchWithGrant('http://127.0.0.1/*');
  const b = await launchWithGrant('http://127.0.0.1/*');
  try {
    const pa = await a.extensionPage('src/pages/backup/index.html');
    await send(pa, 'vault/create', { passphrase: PASS });
    const file = Buffer.from(list(n)).toString('base64');
    const preview = await send(pa, 'backup/preview', { file });
    await send(pa, 'backup/import', { file, selected: preview.entries.map((e) => e.index) });
    const server0 = { url: server.url, user: server.user, password: server.password };
    const t0 = performance.now();
    const on = await send(pa, 'sync/enable', { ...server0, passphrase: PASS });
    if (on.state !== 'ok') throw new Error(`turning on sync: ${on.problem?.message}`);
    report(`turn on sync with ${n} accounts (verify + wrap: two KDFs, upload)`, `${(performance.now() - t0).toFixed(0)} ms`);

    const pb = await b.extensionPage('src/pages/backup/index.html');
    const t1 = performance.now();
    const state = await send(pb, 'sync/join', { ...server0, passphrase: PASS });
    const joinMs = performance.now() - t1;
    if (state.accounts.length !== n) throw new Error(`joined with ${state.accounts.length} of ${n} accounts`);
    // One KDF on this machine, now: an unlock is one Argon2id derivation plus decrypting the vault.
    await send(pb, 'vault/lock', {});
    const t2 = performance.now();
    await send(pb, 'vault/unlock', { passphrase: PASS });
    const kdfMs = performance.now() - t2;
    report(`one KDF (an unlock of the joined vault)`, `${kdfMs.toFixed(0)} ms`);
    report(`${n} accounts synced to an empty device ("Join": open the sync key, download, decrypt, create the vault)`, `${joinMs.toFixed(0)} ms`, '5 s + KDF', joinMs <= 5000 + kdfMs);

    const t3 = performance.now();
    const again = await send(pb, 'sync/now', {});
    report(`a sync round with nothing new (${n} accounts)`, `${(performance.now() - t3).toFixed(0)} ms`, undefined, again.state === 'ok' ? undefined : false);
  } finally {
    await a.dispose();
    await b.dispose();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchSync((what, value, budget, ok) => console.log(`  ${what}: ${value}${budget ? ` (budget ${budget}: ${ok ? 'ok' : 'OVER'})` : ''}`));
}
