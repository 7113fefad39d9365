// `npm run bench`: Tessera's numbers against the budgets the issues name, measured in Debian's
// Chromium on the built extension. Prints a table; exits non-zero only if something breaks
// (a budget miss is reported, not hidden, and not turned into a flaky test).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHmac } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { launch, EXTENSION_DIR } from './lib/extension-browser.mjs';
import { startPortal } from '../demo/portal.mjs';
import { benchSync } from './bench-sync.mjs';
import { writeBareExtension } from './lib/bare-extension.mjs';

const PASS = 'bench passphrase 123';
const rows = [];
const report = (what, value, budget, ok) => {
  rows.push({ what, value, budget: budget ?? '', verdict: ok === undefined ? '' : ok ? 'ok' : 'OVER' });
  console.log(`  ${what}: ${value}${budget ? ` (budget ${budget}: ${ok ? 'ok' : 'OVER'})` : ''}`);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// `--only=popup,backup` runs some sections (popup, scan, fill, backup); `--popup-sizes=1000` some sizes.
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
const only = arg('only');
const want = (section) => !only || only.includes(section);
const popupSizes = arg('popup-sizes')?.map(Number) ?? [10, 100, 1000];

if (!process.argv.includes('--no-build')) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', 'chrome'], { stdio: 'inherit', env: { ...process.env, CI: '1' } });
  if (r.status !== 0) process.exit(1);
}

// ---- bundle sizes -------------------------------------------------------------------------
function walk(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
}
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;
console.log('Bundle sizes (gzip):');
const popupHtml = readFileSync(path.join(EXTENSION_DIR, 'src/popup/index.html'), 'utf8');
// What the popup loads: the files its page names, and every chunk those import, statically or
// later (the interface is a chunk loaded after the first request went out).
const popupJs = [...popupHtml.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => path.join(EXTENSION_DIR, m[1]));
for (let i = 0; i < popupJs.length; i++) {
  for (const m of readFileSync(popupJs[i], 'utf8').matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.js)["'`]/g)) {
    const file = path.join(EXTENSION_DIR, 'assets', m[1]);
    if (!popupJs.includes(file)) popupJs.push(file);
  }
}
const popupKb = popupJs.reduce((s, f) => s + gz(f), 0);
report('popup JavaScript', `${popupKb.toFixed(1)} KB (${popupJs.length} files)`, '40 KB', popupKb < 40);
const agent = walk(EXTENSION_DIR).filter((f) => /page-agent.*\.js$/.test(f) && !f.includes('loader'));
for (const f of agent) report(`page-side agent ${path.basename(f)}`, `${gz(f).toFixed(1)} KB`, '10 KB', gz(f) < 10);
for (const f of walk(EXTENSION_DIR).filter((x) => x.endsWith('.js'))) {
  if (!popupJs.includes(f) && !agent.includes(f)) console.log(`    other ${path.relative(EXTENSION_DIR, f)}: ${gz(f).toFixed(1)} KB`);
}

// ---- helpers --------------------------------------------------------------------------------
function b32(bytes) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0, out = '';
  for (const b of bytes) { value = (value << 8) | b; bits += 8; while (bits >= 5) { out += A[(value >>> (bits - 5)) & 31]; bits -= 5; } }
  return bits ? out + A[(value << (5 - bits)) & 31] : out;
}
function secretFor(i) { return b32(createHmac('sha1', 'bench').update(String(i)).digest()); }
function totp(secret, at = Date.now()) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0; const key = [];
  for (const c of secret) { value = (value << 5) | A.indexOf(c); bits += 5; if (bits >= 8) { key.push((value >>> (bits - 8)) & 255); bits -= 8; } }
  const msg = Buffer.alloc(8); msg.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const mac = createHmac('sha1', Buffer.from(key)).update(msg).digest();
  const o = mac[19] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, '0');
}
/** `name(i)` is the issuer's first word: "Bench" by default, real services for the icon A/B. */
function otpauthList(n, name = () => 'Bench') {
  return Array.from({ length: n }, (_, i) => {
    const issuer = encodeURIComponent(`${name(i)} ${String(i).padStart(5, '0')}`);
    return `otpauth://totp/${issuer}:user${i}%40example.com?secret=${secretFor(i)}&issuer=${issuer}`;
  }).join('\n');
}
async function send(page, type, payload) {
  const reply = await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  if (!reply?.ok) throw new Error(`${type}: ${reply?.error?.message}`);
  return reply.value;
}
async function seed(h, n, name) {
  const ext = await h.extensionPage('src/pages/backup/index.html');
  await send(ext, 'vault/create', { passphrase: PASS });
  if (n === 0) return ext;
  const file = Buffer.from(otpauthList(n, name)).toString('base64');
  const preview = await send(ext, 'backup/preview', { file });
  await send(ext, 'backup/import', { file, selected: preview.entries.map((e) => e.index) });
  return ext;
}

/**
 * Toolbar click → painted first codes, each after the service worker was stopped, with where the
 * time went: before the popup asked (the popup's own start), and the asking itself.
 */
async function coldOpens(h, page, count) {
  const stopper = await h.ctx.newCDPSession(page);
  await stopper.send('ServiceWorker.enable');
  const out = [];
  for (let i = 0; i < count; i++) {
    await stopper.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
    const popup = await h.openPopup(page);
    await popup.waitForFunction(() => performance.getEntriesByName('tessera:codes-shown').length > 0, null, { timeout: 20_000, polling: 5 });
    const t = await popup.evaluate(() => ({ origin: performance.timeOrigin, shown: performance.getEntriesByName('tessera:codes-shown')[0].startTime }));
    out.push({ total: t.origin + t.shown - h.lastClickAt });
    await popup.close();
  }
  await stopper.detach();
  return out;
}

/** Toolbar click → painted first codes with the worker running (it answered a moment ago). */
async function warmOpens(h, page, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const popup = await h.openPopup(page);
    await popup.waitForFunction(() => performance.getEntriesByName('tessera:codes-shown').length > 0, null, { timeout: 10_000, polling: 5 });
    const t = await popup.evaluate(() => ({ origin: performance.timeOrigin, shown: performance.getEntriesByName('tessera:codes-shown')[0].startTime }));
    out.push(t.origin + t.shown - h.lastClickAt);
    await popup.close();
  }
  return out;
}

const portal = await startPortal();

// The browser's part of a cold open: a bare extension, timed the same way.
if (want('popup')) {
  console.log('\nA bare extension (one message, one painted line), for comparison:');
  const h = await launch({ extensionDir: writeBareExtension() });
  try {
    const page = await h.ctx.newPage();
    await page.goto(`${portal.url}/login`);
    await warmOpens(h, page, 2); // the first opens after start-up are slower for every extension
    const colds = (await coldOpens(h, page, 7)).map((c) => c.total);
    const warms = await warmOpens(h, page, 7);
    report('bare extension: toolbar click → painted reply', `${median(warms).toFixed(0)} ms`);
    report('bare extension: same, after its service worker was stopped', `${median(colds).toFixed(0)} ms = ${(median(colds) / median(warms)).toFixed(2)}x warm`);
  } finally {
    await h.close();
  }
}

// ---- popup: first screenful, unlock, idle cost ----------------------------------------------
for (const n of want('popup') ? popupSizes : []) {
  console.log(`\nPopup with ${n} accounts:`);
  const h = await launch();
  try {
    const page = await h.ctx.newPage();
    await page.goto(`${portal.url}/login`);
    const ext = await seed(h, n);
    await ext.close();
    // Cold: the service worker went idle and the browser stopped it (every open after a pause);
    // the next open starts a fresh worker, which restores the session from storage.session.
    const cold = await coldOpens(h, page, 7);
    const colds = cold.map((c) => c.total);
    const opens = [];
    const marks = [];
    for (let i = 0; i < 5; i++) {
      const popup = await h.openPopup(page);
      await popup.waitForFunction(() => performance.getEntriesByName('tessera:codes-shown').length > 0, null, { timeout: 10_000, polling: 5 });
      // From the toolbar click (the CDP command) to the painted codes, on the machine's one clock;
      // and, for reference, from the popup document's start.
      const shownAt = await popup.evaluate(() => performance.timeOrigin + performance.getEntriesByName('tessera:codes-shown')[0].startTime);
      opens.push(shownAt - h.lastClickAt);
      marks.push(await popup.evaluate(() => performance.getEntriesByName('tessera:codes-shown')[0].startTime));
      const first = await popup.locator('.account').first();
      const shown = (await first.locator('.code').textContent()).replace(/\s/g, '');
      const issuer = await first.locator('.issuer').textContent();
      const idx = Number(issuer.replace('Bench ', ''));
      if (![totp(secretFor(idx)), totp(secretFor(idx), Date.now() - 30000)].includes(shown)) throw new Error(`popup showed a wrong code for ${issuer}`);
      if (i < 4) await popup.close();
      else {
        const cdp = await popup.context().newCDPSession(popup);
        await cdp.send('Performance.enable');
        const m0 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        await popup.waitForTimeout(10_000);
        const m1 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        const busy = ((m1.TaskDuration - m0.TaskDuration) / 10) * 100;
        report(`popup busy while open 10 s (${n})`, `${busy.toFixed(2)} %`, n === 1000 ? '5 %' : undefined, n === 1000 ? busy < 5 : undefined);
        await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
        const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
        report(`popup JS heap (${n})`, `${heap.toFixed(2)} MB`, n === 1000 ? '8 MB' : undefined, n === 1000 ? heap < 8 : undefined);
        await popup.getByRole('button', { name: 'Lock' }).click();
        await popup.close();
      }
    }
    report(`toolbar click → first screenful of correct codes (${n})`, `${median(opens).toFixed(0)} ms`, n === 1000 ? '150 ms' : undefined, n === 1000 ? median(opens) < 150 : undefined);
    console.log(`    (of which from the popup document's start: ${median(marks).toFixed(0)} ms)`);
    const ratio = median(colds) / median(opens);
    report(`same, after the service worker was stopped (${n})`, `${median(colds).toFixed(0)} ms = ${ratio.toFixed(2)}x warm`, n === 1000 ? '1.3x warm' : undefined, n === 1000 ? ratio <= 1.3 : undefined);
    const unlocks = [];
    for (let i = 0; i < 3; i++) {
      const popup = await h.openPopup(page);
      await popup.getByLabel('Passphrase').fill(PASS);
      const t0 = performance.now();
      await popup.getByRole('button', { name: 'Unlock' }).click();
      await popup.locator('.account').first().waitFor({ timeout: 20_000 });
      unlocks.push(performance.now() - t0);
      await popup.getByRole('button', { name: 'Lock' }).click();
      await popup.close();
    }
    report(`unlock with the default KDF, Argon2id 64 MiB/3/4 (${n})`, `${median(unlocks).toFixed(0)} ms`, '1000 ms', median(unlocks) < 1000);
  } finally {
    await h.close();
  }
}

// ---- service icons: the same build with and without its icon index (A/B) -----------------------
// Accounts named after services the icons know. "Off" hides the shipped index, so every row
// keeps its coloured initial and no icon is fetched; "on" is the product as shipped. The rounds
// alternate, so a drifting machine weighs on both sides alike.
if (want('popup')) {
  console.log('\nService icons at 1000 accounts, with and without (A/B, alternating):');
  const SERVICES = ['GitHub', 'Google', 'Microsoft', 'Amazon', 'Dropbox', 'Discord', 'GitLab', 'Slack', 'Reddit', 'PayPal', 'Cloudflare'];
  const indexFile = path.join(EXTENSION_DIR, 'service-icons/index.json');
  const hidden = `${indexFile}.off`;
  const h = await launch();
  try {
    const page = await h.ctx.newPage();
    await page.goto(`${portal.url}/login`);
    (await seed(h, 1000, (i) => SERVICES[i % SERVICES.length])).close();
    await warmOpens(h, page, 2);
    const by = { off: { click: [], doc: [] }, on: { click: [], doc: [] } };
    for (let round = 0; round < 24; round++) {
      const side = round % 2 === 0 ? 'off' : 'on';
      if (side === 'off') renameSync(indexFile, hidden);
      try {
        const popup = await h.openPopup(page);
        await popup.waitForFunction(() => performance.getEntriesByName('tessera:codes-shown').length > 0, null, { timeout: 10_000, polling: 5 });
        const t = await popup.evaluate(() => ({ origin: performance.timeOrigin, shown: performance.getEntriesByName('tessera:codes-shown')[0].startTime }));
        by[side].click.push(t.origin + t.shown - h.lastClickAt);
        by[side].doc.push(t.shown);
        // The two sides really differ: icons arrive with the index, and never without it.
        if (side === 'on') await popup.locator('img.service-icon').first().waitFor({ timeout: 5_000 });
        else if ((await popup.waitForTimeout(300), await popup.locator('img.service-icon').count()) > 0) throw new Error('icons shown without the index');
        await popup.close();
      } finally {
        if (existsSync(hidden)) renameSync(hidden, indexFile);
      }
    }
    for (const side of ['off', 'on']) {
      report(`toolbar click → first codes, icons ${side} (1000)`, `${median(by[side].click).toFixed(0)} ms (${median(by[side].doc).toFixed(0)} ms from the popup document's start)`);
    }
    const delta = median(by.on.doc) - median(by.off.doc);
    report('icons on − off, from the popup document’s start (1000)', `${delta >= 0 ? '+' : ''}${delta.toFixed(0)} ms`, 'no regression (within 10 ms)', delta <= 10);
  } finally {
    await h.close();
  }
}

// ---- scan, fill, and what an unrelated page carries -------------------------------------------
for (const dpr of want('scan') ? [1, 2] : []) {
  console.log(`\nScan at devicePixelRatio ${dpr}:`);
  const h = await launch({ deviceScaleFactor: dpr });
  try {
    const page = await h.ctx.newPage();
    await page.goto(`${portal.url}/register`);
    const ext = await seed(h, 1);
    await ext.close();
    const times = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${portal.url}/logout`);
      await page.goto(`${portal.url}/register`);
      await page.getByLabel('First Name').fill('B');
      await page.getByLabel('Email Address').fill(`b${Date.now()}${i}@example.com`);
      await page.getByLabel('Password').fill('bench password 1');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.goto(`${portal.url}/user/two-factor/setup?style=svg`);
      const popup = await h.openPopup(page);
      await popup.getByRole('button', { name: 'Scan QR code' }).click();
      await popup.getByRole('button', { name: 'Add', exact: true }).waitFor({ timeout: 10_000 });
      // Measured in the popup: from the click to the painted confirmation (the driver's own latency excluded).
      times.push(await popup.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0].startTime;
        return at('tessera:scan-shown') - at('tessera:scan-clicked');
      }));
      await popup.close();
    }
    console.log(`    (each: ${times.map((t) => t.toFixed(0)).join(", ")} ms)`);
    report(`"Scan QR code" → confirmation, 1280x800 at ratio ${dpr}`, `${median(times).toFixed(0)} ms`, dpr === 1 ? '100 ms' : '200 ms', median(times) < (dpr === 1 ? 100 : 200));
    const shot = PNG.sync.read(await page.screenshot());
    const jt = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
      jt.push(performance.now() - t0);
      if (!r) console.log('    (jsQR alone did not find the code in the whole screenshot)');
    }
    console.log(`    for comparison, jsQR alone on the whole ${shot.width}x${shot.height} screenshot: ${median(jt).toFixed(0)} ms`);
  } finally {
    await h.close();
  }
}

if (want('scan')) console.log('\nScan of a hostile page (three 3000x3000 noise canvases shown at 300 px):');
if (want('scan')) {
  const h = await launch();
  try {
    const page = await h.ctx.newPage();
    await page.goto(`${portal.url}/login`);
    const ext = await seed(h, 1);
    await ext.close();
    const noise = `<title>noise</title>${[0, 1, 2].map(() => '<canvas width="3000" height="3000" style="width:300px;height:300px"></canvas>').join('')}
      <script>for (const c of document.querySelectorAll('canvas')) { const x = c.getContext('2d'); const d = x.createImageData(c.width, c.height);
        for (let i = 0; i < d.data.length; i += 4) { const v = Math.random() < 0.5 ? 0 : 255; d.data[i] = d.data[i + 1] = d.data[i + 2] = v; d.data[i + 3] = 255; }
        x.putImageData(d, 0, 0); } document.title = 'drawn';</script>`;
    await page.route('**/noise-page', (r) => r.fulfill({ contentType: 'text/html', body: noise }));
    const scans = [];
    const others = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${portal.url}/noise-page`);
      await page.waitForFunction(() => document.title === 'drawn', null, { timeout: 60_000 });
      const popup = await h.openPopup(page);
      const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0].id);
      const r = await popup.evaluate(async (tab) => {
        const send = (type, payload) => chrome.runtime.sendMessage({ type, payload });
        const t0 = performance.now();
        let done = false;
        const scan = send('scan/run', { tabId: tab }).then((reply) => ((done = true), { ms: performance.now() - t0, reply }));
        const waits = [];
        while (!done) {
          await new Promise((res) => setTimeout(res, 100));
          const c0 = performance.now();
          await send('codes/get', { ids: [] });
          waits.push(performance.now() - c0);
        }
        return { ...(await scan), waits };
      }, tabId);
      if (!r.reply.ok || r.reply.value.kind !== 'none') throw new Error(`noise scan: ${JSON.stringify(r.reply).slice(0, 200)}`);
      scans.push(r.ms);
      others.push(Math.max(...r.waits));
      await popup.close();
    }
    report('"Scan QR code" on the noise page → answer', `${median(scans).toFixed(0)} ms`, '2000 ms', median(scans) < 2000);
    report('longest codes/get wait during that scan', `${median(others).toFixed(0)} ms`, '100 ms', median(others) < 100);
  } finally {
    await h.close();
  }
}

if (want('fill')) {
  console.log('\nFill:');
  const h = await launch();
  try {
    const page = await h.ctx.newPage();
    await page.goto(`${portal.url}/login`);
    const ext = await seed(h, 0);
    // An unrelated site the user never acted on: no script of Tessera's may be in it.
    const cdp = await page.context().newCDPSession(page);
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    await page.goto(`${portal.url}/login`);
    await page.waitForTimeout(500);
    // Playwright adds an isolated "utility" world of its own to every page; an extension's world has its origin.
    const isOurs = (c) => c.origin?.startsWith('chrome-extension://') || /tessera/i.test(c.name ?? '');
    const ours = worlds.filter(isOurs);
    if (process.env.BENCH_DEBUG) console.log(worlds);
    report('scripts of Tessera in a page the user did not act on', ours.length === 0 ? '0 bytes injected' : `${ours.length} script world(s)`, '0', ours.length === 0);
    // The gesture-to-filled time, with one account bound to the page's site.
    const uri = `otpauth://totp/Site:me?secret=${secretFor(1)}&issuer=Site`;
    await page.route('**/fill-target', (r) => r.fulfill({ contentType: 'text/html', body: '<title>t</title><input name="otp" autocomplete="one-time-code" maxlength="6">' }));
    await page.goto(`${portal.url}/fill-target`);
    const popup = await h.openPopup(page);
    const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0].id);
    await send(ext, 'account/add', { secretOrUri: uri, bindToTabId: tabId });
    await popup.close();
    const sw = h.ctx.serviceWorkers()[0];
    /** The shortcut handler's gesture → filled field, `runs` times on the current page (ms each). */
    const timeFills = async (runs, what) => {
      const out = [];
      for (let i = 0; i < runs; i++) {
        await page.locator('input[name=otp]').fill('');
        const ms = await sw.evaluate(async (id) => {
          const tab = await chrome.tabs.get(id);
          const t0 = performance.now();
          const result = await globalThis.tesseraGestures.fill(tab);
          return result === 'filled' ? performance.now() - t0 : -1;
        }, tabId);
        if (ms < 0) throw new Error(`the fill gesture did not fill ${what}`);
        out.push(ms);
      }
      return out;
    };
    const times = await timeFills(5, 'the small page');
    report('gesture → filled field (shortcut handler, service worker warm)', `${median(times).toFixed(1)} ms`, '50 ms', median(times) < 50);
    // The finder over a 5,000-element page: the agent's half (describe the inputs) timed in its own
    // isolated world, then the whole gesture on that page (describe + rank in the background + fill).
    const filler = Array.from({ length: 40 }, (_, i) => `<section><h2>Section ${i}</h2>${'<div><p>Some <b>text</b> and <a href="#">a link</a></p><span>more</span></div>'.repeat(24)}<form><label>Search <input name="q${i}"></label></form></section>`).join('');
    const big = `<title>Big</title>${filler}<form><h2>Two-factor authentication</h2><label for="otp">Authentication code</label><input id="otp" name="otp" autocomplete="one-time-code" maxlength="6"></form>`;
    await page.route('**/big-page', (r) => r.fulfill({ contentType: 'text/html', body: big }));
    await page.goto(`${portal.url}/big-page`);
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    await (await h.openPopup(page)).close();
    // The first fill on a new page load may wait for the next step (the current one was used on
    // the page before): untimed. Refills on the same page are what the timing shows.
    const bigTimes = (await timeFills(6, 'the 5,000-element page')).slice(1);
    const finder = await sw.evaluate(async (id) => {
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: () => {
          // Where the agent keeps itself (src/content/agent-global.ts): a Symbol no element id can shadow.
          const agent = globalThis[Symbol.for('tessera.page-agent')];
          const times = [];
          for (let i = 0; i < 31; i++) {
            const t0 = performance.now();
            agent.field(false);
            times.push(performance.now() - t0);
          }
          // For scale on a loaded machine: one bare pass over every element of the page.
          const bare = [];
          for (let i = 0; i < 31; i++) {
            const t0 = performance.now();
            const w = document.createTreeWalker(document, 1);
            while (w.nextNode());
            bare.push(performance.now() - t0);
          }
          return { times, bare };
        },
      });
      return r.result;
    }, tabId);
    report(`finder (agent side) over a ${elements}-element page, median of 31`, `${median(finder.times).toFixed(2)} ms`, '5 ms', median(finder.times) <= 5);
    console.log(`    (for scale: one bare TreeWalker pass over the same page takes ${median(finder.bare).toFixed(2)} ms here)`);
    report('gesture → filled field on that page (describe, rank in the background, fill)', `${median(bigTimes).toFixed(1)} ms`);
    // Positive control for the zero-bytes check: the page the user acted on does show our world.
    if (!worlds.some(isOurs)) throw new Error('the script-world detector saw no Tessera world even where Tessera filled');
    await cdp.detach();
  } finally {
    await h.close();
  }
}

if (want('backup')) console.log('\nBackup export and import:');
for (const n of want('backup') ? [1000, 10000] : []) {
  const h = await launch();
  try {
    const ext = await seed(h, n);
    // Both storage slots hold a sealed copy after the import (the previous one is kept for crashes).
    const bytes = await (h.ctx.serviceWorkers()[0] ?? h.sw).evaluate(() => chrome.storage.local.getBytesInUse(null));
    const QUOTA = 10 * 1024 * 1024; // storage.local without unlimitedStorage
    report(`storage.local holding ${n} accounts`, `${bytes} bytes (${((100 * bytes) / QUOTA).toFixed(1)} % of 10 MiB)`, n === 10000 ? '10 MiB' : undefined, n === 10000 ? bytes < QUOTA : undefined);
    // Timed inside the extension page, as the backup page sends and receives: passing a 3.5 MB
    // file through Playwright's protocol is not what a person waits for.
    const exported = await ext.evaluate(async (pass) => {
      const t = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'backup/export', payload: { passphrase: pass, proof: { passphrase: pass } } });
      if (!reply?.ok) throw new Error(reply?.error?.message);
      return { ms: performance.now() - t, text: reply.value.text };
    }, PASS);
    const { text } = exported;
    const exportMs = exported.ms;
    await send(ext, 'vault/lock', {});
    const h2 = await launch();
    try {
      const ext2 = await h2.extensionPage('src/pages/backup/index.html');
      await send(ext2, 'vault/create', { passphrase: PASS });
      // One KDF on this machine, now: an unlock of the empty vault is one Argon2id derivation.
      await send(ext2, 'vault/lock', {});
      const kdfMs = await ext2.evaluate(async (pass) => {
        const t = performance.now();
        await chrome.runtime.sendMessage({ type: 'vault/unlock', payload: { passphrase: pass } });
        return performance.now() - t;
      }, PASS);
      // The file is in the page, as after the person picked it (untimed), then preview + import.
      await ext2.evaluate((f) => void (globalThis.__benchFile = f), Buffer.from(text).toString('base64'));
      const imported = await ext2.evaluate(async (pass) => {
        const file = globalThis.__benchFile;
        const ask = async (type, payload) => {
          const reply = await chrome.runtime.sendMessage({ type, payload });
          if (!reply?.ok) throw new Error(`${type}: ${reply?.error?.message}`);
          return reply.value;
        };
        const t = performance.now();
        const preview = await ask('backup/preview', { file, password: pass });
        const r = await ask('backup/import', { file, password: pass, selected: preview.entries.map((e) => e.index) });
        return { ms: performance.now() - t, r };
      }, PASS);
      const importMs = imported.ms;
      const r = imported.r;
      if (r.added !== n) throw new Error(`imported ${r.added} of ${n}`);
      // The export now re-checks the vault passphrase first: a second derivation.
      report(`one Argon2id derivation (an unlock of an empty vault)`, `${kdfMs.toFixed(0)} ms`);
      report(`export ${n} accounts (incl. the vault passphrase check and one Argon2id derivation)`, `${exportMs.toFixed(0)} ms`, '2 s + 2 KDF', exportMs < 2000 + 2 * kdfMs);
      report(`import ${n} accounts (preview + import, incl. one Argon2id derivation)`, `${importMs.toFixed(0)} ms`, '2 s + KDF', importMs < 2000 + kdfMs);
    } finally {
      await h2.close();
    }
  } finally {
    await h.close();
  }
}
await portal.close();

await benchSync(report);

console.log('\nSummary:');
console.table(rows);
