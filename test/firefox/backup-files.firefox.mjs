/**
 * The backup page's other flows in firefox-esr, as test/e2e/backup.e2e.ts checks them in
 * Chromium: damaged and foreign import files (a cut-off Tessera backup, an edited one, a file
 * that is no backup, a wrong passphrase) each get their own alert and change nothing; "Move to
 * phone" shows numbered transfer QR codes, after the "Vault passphrase" confirmation, that jsQR
 * (not the qrcode package that drew them) decodes back to the accounts.
 *
 * The damaged files are made from a backup the extension itself exported in this run (the
 * TypeScript fixtures of test/fixtures cannot be imported from these .mjs suites); the
 * accounts' secrets are random bytes drawn here, so the expected transfer payload is known
 * without the product's own base32 or protobuf code. Tests run in order.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { launchFirefox, until } from './firefox-harness.mjs';
import { installRoleQuery, role, label } from './role-query.mjs';
import { createVault, go, PASSPHRASE } from './portal-steps.mjs';

export const title = 'backup files and move to phone';

const BACKUP_PASS = 'firefox damaged-file passphrase';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 4648 base32 without padding, written here so the expectation does not use the product's. @param {Buffer} bytes */
function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Eleven 30-second TOTP accounts and one HOTP: twelve fit the transfer, ten per code, so two codes. */
const MOVABLE = [
  ...Array.from({ length: 11 }, (_, i) => ({ issuer: `Move ${i + 1}`, name: `user${i + 1}`, bytes: randomBytes(20), hotp: false })),
  { issuer: 'Counter VPN', name: 'gus', bytes: randomBytes(20), hotp: true },
];
/** A 60-second account: Google Authenticator's transfer cannot carry it, so it is listed as left out. */
const SLOW = { issuer: 'Slow Bank', name: 'ben', bytes: randomBytes(20) };
/** @param {{ issuer: string, name: string, bytes: Buffer, hotp?: boolean }} a @param {string} [extra] */
const uriOf = (a, extra = '') =>
  `otpauth://${a.hotp ? 'hotp' : 'totp'}/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.name)}?secret=${base32(a.bytes)}&issuer=${encodeURIComponent(a.issuer)}${a.hotp ? '&counter=7' : ''}${extra}`;

/**
 * A minimal reading of Google Authenticator's MigrationPayload protobuf (varint and
 * length-delimited fields only), so the check does not rely on the product's decoder.
 * @param {Buffer} bytes
 * @returns {{ num: number, value: bigint | Buffer }[]}
 */
function readFields(bytes) {
  const out = [];
  let pos = 0;
  const varint = () => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = bytes[pos++];
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  };
  while (pos < bytes.length) {
    const key = Number(varint());
    const wire = key & 7;
    if (wire === 0) out.push({ num: key >> 3, value: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      out.push({ num: key >> 3, value: bytes.subarray(pos, pos + len) });
      pos += len;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

/** @param {string} uri */
function parseMigrationLink(uri) {
  const data = Buffer.from(new URL(uri).searchParams.get('data') ?? '', 'base64');
  const top = readFields(data);
  const num = (/** @type {typeof top} */ fields, /** @type {number} */ n) => Number(BigInt.asIntN(32, /** @type {bigint} */ (fields.find((f) => f.num === n)?.value ?? 0n)));
  const otps = top.filter((f) => f.num === 1).map((f) => {
    const o = readFields(/** @type {Buffer} */ (f.value));
    const text = (/** @type {number} */ n) => /** @type {Buffer | undefined} */ (o.find((x) => x.num === n)?.value)?.toString('utf8') ?? '';
    return { secretHex: /** @type {Buffer} */ (o.find((x) => x.num === 1)?.value).toString('hex'), name: text(2), issuer: text(3), type: num(o, 6), counter: num(o, 7) };
  });
  return { otps, batchSize: num(top, 3), batchIndex: num(top, 4), batchId: num(top, 5) };
}

const work = mkdtempSync(path.join(tmpdir(), 'tessera-ff-files-'));
const downloads = path.join(work, 'downloads');
/** @type {import('./firefox-harness.mjs').FirefoxHarness | undefined} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {import('puppeteer-core').Page} */
let backup;
/** @type {import('node:http').Server} */
let server;
let backupText = '';

/**
 * The first element matching `spec` in an extension page tab (role-query installed on demand).
 * @param {import('puppeteer-core').Page} p
 * @param {import('./role-query.mjs').Spec} spec
 * @param {number} [timeoutMs]
 */
async function find(p, spec, timeoutMs) {
  return until(async () => {
    await p.evaluate(installRoleQuery);
    const handle = await p.evaluateHandle((s) => globalThis.__roleQuery.findAll(document, s)[0] ?? null, spec);
    return handle.asElement() ?? undefined;
  }, `${JSON.stringify(spec)} on ${p.url()}`, timeoutMs);
}

/** @param {import('puppeteer-core').Page} p @param {import('./role-query.mjs').Spec} spec */
const countOf = (p, spec) => p.evaluate((s) => { return globalThis.__roleQuery.findAll(document, s).length; }, spec);

/** @param {import('puppeteer-core').Page} p @param {import('./role-query.mjs').Spec} spec @param {string} value */
async function typeInto(p, spec, value) {
  const field = await find(p, spec);
  await field.click({ count: 3 });
  await field.type(value);
}

/** @param {string} type @param {unknown} payload */
async function send(type, payload) {
  const ctl = await /** @type {NonNullable<typeof ff>} */ (ff).controllerPage();
  const reply = await ctl.evaluate((t, pl) => globalThis.browser.runtime.sendMessage({ type: t, payload: pl }), type, payload);
  if (!reply?.ok) throw new Error(`${type}: ${reply?.error?.message}`);
  return reply.value;
}

const inImport = { css: '#import' };
const importAlert = () => backup.evaluate(() => document.querySelector('#import [role="alert"]')?.textContent?.trim() ?? '');

/** Chooses `name` (written with `content`) in the import section's file field. @param {string} name @param {string} content */
async function pickFile(name, content) {
  const file = path.join(work, name);
  writeFileSync(file, content);
  const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (await find(backup, label('Backup file', { within: inImport })));
  await input.uploadFile(file);
}

/** Waits for an import alert other than `previous` that matches `pattern`. @param {RegExp} pattern @param {string} previous */
async function alertMatching(pattern, previous) {
  return until(async () => {
    const text = await importAlert();
    return text !== previous && pattern.test(text) ? text : '';
  }, `an import alert matching ${pattern}`, 20_000).catch(async (err) => {
    throw new Error(`${err.message}; the alert says: "${await importAlert()}"`);
  });
}

/** @param {string} password */
async function openWith(password) {
  await typeInto(backup, label('Backup passphrase', { within: inImport }), password);
  await (await find(backup, role('button', 'Open', { within: inImport }))).click();
}

export async function setup() {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Page</title><h1>Page</h1>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  ff = await launchFirefox({ downloadDir: downloads });
  page = (await ff.browser.pages())[0];
  await go(page, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
  await createVault(ff, page);
  // Setup, not the flow under test: the accounts go in through the background's own request.
  for (const a of MOVABLE) await send('account/add', { secretOrUri: uriOf(a) });
  await send('account/add', { secretOrUri: uriOf(SLOW, '&period=60') });
  backup = await ff.openExtensionPage('src/pages/backup/index.html');
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => server.close(() => r(undefined)));
  rmSync(work, { recursive: true, force: true });
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'backup files: the backup page exports an encrypted backup to damage',
    async run() {
      await typeInto(backup, label('Backup passphrase', { exact: true, within: { css: '#export' } }), BACKUP_PASS);
      await typeInto(backup, label('Confirm backup passphrase'), BACKUP_PASS);
      await typeInto(backup, label('Vault passphrase', { within: { css: '#export' } }), PASSPHRASE);
      await (await find(backup, role('button', 'Export', { exact: true }))).click();
      const saved = await until(() => readdirSync(downloads, { withFileTypes: true }).find((f) => /^tessera-backup-.*\.json$/.test(f.name))?.name, 'the backup file in the downloads folder', 20_000);
      backupText = await until(() => { try { const t = readFileSync(path.join(downloads, saved), 'utf8'); JSON.parse(t); return t; } catch { return ''; } }, 'the whole file to be written');
      assert.equal(JSON.parse(backupText).format, 'tessera-backup');
      for (const a of MOVABLE) assert.ok(!backupText.includes(base32(a.bytes)), 'a secret is in the backup file in the clear');
    },
  },
  {
    name: 'backup files: cut-off, edited and foreign files and a wrong passphrase each get their own alert and change nothing',
    async run() {
      const before = JSON.stringify((await ff.storageDump()).local);
      const messages = [];

      await pickFile('cut.json', backupText.slice(0, Math.floor(backupText.length * 0.6)));
      messages.push(await alertMatching(/incomplete|cut off/i, ''));
      assert.equal(await countOf(backup, label('Backup passphrase', { within: inImport })), 0, 'a cut-off file asked for its passphrase');

      const edited = JSON.parse(backupText);
      edited.createdAt = '2020-01-01T00:00:00.000Z';
      await pickFile('edited.json', JSON.stringify(edited));
      await openWith(BACKUP_PASS);
      messages.push(await alertMatching(/changed or damaged/i, messages.at(-1)));

      await pickFile('notes.txt', 'shopping list\nmilk\n');
      messages.push(await alertMatching(/does not recognise/i, messages.at(-1)));

      await pickFile('tessera-backup.json', backupText);
      await openWith('not the backup passphrase');
      messages.push(await alertMatching(/wrong passphrase/i, messages.at(-1)));

      for (const m of messages) assert.match(m, /your vault is unchanged/);
      assert.equal(new Set(messages).size, 4, `the alerts are not all different: ${messages.join(' | ')}`);
      assert.equal(await countOf(backup, role('list', 'Accounts in the file')), 0);
      assert.equal(JSON.stringify((await ff.storageDump()).local), before, 'storage.local changed');
    },
  },
  {
    name: 'move to phone: after "Vault passphrase", numbered transfer QR codes decode (jsQR) to the accounts, the 60 s one listed as left out',
    async run() {
      const move = { css: '#move' };
      assert.equal(await countOf(backup, role('img', /^Transfer QR code/, { within: move })), 0, 'QR codes shown before asking');
      await (await find(backup, role('button', 'Show transfer QR codes', { within: move }))).click();
      const dialog = { role: 'alertdialog', within: move };
      // A wrong vault passphrase shows nothing.
      await typeInto(backup, label('Vault passphrase', { within: dialog }), 'not the vault passphrase');
      await (await find(backup, role('button', 'Show transfer QR codes', { within: dialog }))).click();
      await until(() => backup.evaluate(() => /wrong passphrase/i.test(document.querySelector('#move [role="alertdialog"]')?.textContent ?? '')), 'the dialog to say the passphrase is wrong', 20_000);
      assert.equal(await countOf(backup, role('img', /^Transfer QR code/, { within: move })), 0, 'QR codes shown after a wrong passphrase');

      await typeInto(backup, label('Vault passphrase', { within: dialog }), PASSPHRASE);
      await (await find(backup, role('button', 'Show transfer QR codes', { within: dialog }))).click();
      const images = role('img', /^Transfer QR code \d of 2$/, { within: move });
      await until(async () => (await countOf(backup, images)) === 2, 'two transfer QR codes', 20_000);
      assert.equal(await countOf(backup, { role: 'alertdialog' }), 0, 'the confirmation stayed open');
      const captions = await backup.evaluate(() => [...document.querySelectorAll('#move figcaption')].map((f) => f.textContent));
      assert.deepEqual(captions, ['Code 1 of 2', 'Code 2 of 2']);

      const sources = await backup.evaluate((s) => globalThis.__roleQuery.findAll(document, s).map((img) => img.getAttribute('src')), images);
      const batches = sources.map((src) => {
        assert.match(src, /^data:image\/png;base64,/);
        const png = PNG.sync.read(Buffer.from(src.split(',')[1], 'base64'));
        const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
        assert.ok(found, 'a transfer QR code does not decode');
        assert.ok(found.data.startsWith('otpauth-migration://offline?data='), found.data.slice(0, 40));
        return parseMigrationLink(found.data);
      });
      assert.deepEqual(batches.map((b) => [b.batchSize, b.batchIndex]), [[2, 0], [2, 1]]);
      assert.equal(batches[0].batchId, batches[1].batchId);
      assert.equal(batches[0].otps.length, 10);
      const otps = batches.flatMap((b) => b.otps);
      assert.deepEqual(otps.map((o) => o.secretHex).sort(), MOVABLE.map((a) => a.bytes.toString('hex')).sort());
      for (const a of MOVABLE) {
        const o = otps.find((x) => x.secretHex === a.bytes.toString('hex'));
        assert.deepEqual([o?.issuer, o?.name], [a.issuer, a.name]);
      }
      const counter = otps.find((o) => o.issuer === 'Counter VPN');
      assert.deepEqual([counter?.type, counter?.counter], [1, 7], 'the HOTP entry: type 1 (HOTP) at counter 7');

      const left = await backup.evaluate((s) => globalThis.__roleQuery.findAll(document, s).map((li) => li.textContent), role('listitem', undefined, { within: role('list', 'Not included', { within: move }) }));
      assert.equal(left.length, 1, `left out: ${left.join(' | ')}`);
      assert.match(left[0], /^Slow Bank — ben: codes that change every 60 seconds/);
    },
  },
];
