import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal } from './portal.mjs';
import { createClient, parseHtml, alertText, codeAt, signUp } from './test-client.mjs';

const STEP = 30_000;
let clock = 1_700_000_010_000 + 5_000;
/** @type {Awaited<ReturnType<typeof startPortal>>} */
let portal;

/** @param {string} html */
const doc = (html) => parseHtml(html);

/** Runs the full-page (no-JS) setup and returns the secret shown. @param {ReturnType<typeof createClient>} c */
async function enable2fa(c) {
  const page = await c.get('/user/two-factor/setup');
  const secret = doc(page.text).querySelector('form#frmTwoFactorConfigure strong')?.textContent ?? '';
  const done = await c.post('/user/two-factor/setup?style=svg', { verifykey: codeAt(secret, clock) });
  return { secret, done };
}

beforeAll(async () => {
  portal = await startPortal({ now: () => clock });
});
afterAll(async () => {
  await portal.close();
});

describe('portal options', () => {
  it('keeps users in the data file across restarts and works under the name localhost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-portal-'));
    const dataFile = join(dir, 'data.json');
    try {
      const first = await startPortal({ dataFile, host: 'localhost', now: () => clock });
      expect(first.url).toBe(`http://localhost:${first.port}`);
      const c = createClient(first.url);
      await signUp(c, 'cy@example.com', 'cy-password');
      const { secret, done } = await enable2fa(c);
      expect(done.text).toContain('Two-Factor Authentication is now enabled');
      await first.close();
      expect(readFileSync(dataFile, 'utf8')).not.toContain('cy-password');

      const second = await startPortal({ dataFile, now: () => clock });
      const c2 = createClient(second.url);
      await c2.post('/login', { email: 'cy@example.com', password: 'cy-password' });
      clock += STEP;
      const ok = await c2.post('/login/two-factor', { key: codeAt(secret, clock) });
      expect(new URL(ok.url).pathname).toBe('/clientarea');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works without JavaScript: step 1 posts to the full-page setup', async () => {
    const c = createClient(portal.url);
    await signUp(c, 'nojs@example.com');
    const step1 = await c.get('/user/two-factor/enable?style=otc');
    expect(doc(step1.text).querySelector('title')?.textContent).toBe('Enable Two-Factor Authentication - ClientZone');
    expect(alertText((await c.post('/user/two-factor/enable?style=otc', {})).text)).toBe('Please choose an authentication method.');
    const step2 = await c.post('/user/two-factor/enable?style=otc', { module: 'totp' });
    expect(new URL(step2.url).pathname + new URL(step2.url).search).toBe('/user/two-factor/setup?style=otc');
    expect(doc(step2.text).querySelector('input[name=verifykey][autocomplete=one-time-code]')).not.toBeNull();
  });

  it('is quiet by default and logs paths only (no query, no bodies) when asked', async () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await fetch(`${portal.url}/health?token=123456`);
      expect(spy).not.toHaveBeenCalled();
      const loud = await startPortal({ log: true });
      await fetch(`${loud.url}/login?secret=ABC`, { method: 'POST', body: 'password=hunter22' });
      await loud.close();
      expect(spy.mock.calls.map((args) => args.join(' '))).toEqual(['[portal] POST /login 200']);
    } finally {
      spy.mockRestore();
    }
  });

  it('stamps its Date header with its own clock, which may run ahead of the machine\'s (--clock-offset)', async () => {
    const ahead = await startPortal({ now: () => Date.now() + 90_000 });
    try {
      // A cookie-less HEAD, as Tessera's clock check sends: the date, and no setup started.
      const res = await fetch(`${ahead.url}/user/two-factor/setup`, { method: 'HEAD', redirect: 'manual' });
      const offset = Date.parse(res.headers.get('date') ?? '') - Date.now();
      expect(offset).toBeGreaterThan(88_000);
      expect(offset).toBeLessThan(91_000);
      expect([res.status, res.headers.get('location')]).toEqual([303, '/login']);
    } finally {
      await ahead.close();
    }
    const fixed = await fetch(`${portal.url}/health`);
    expect(fixed.headers.get('date')).toBe(new Date(clock).toUTCString());
  });

  it('refuses unknown options and pages with clear errors', async () => {
    await expect(startPortal({ qrStyle: 'fancy' })).rejects.toThrow(/Unknown qrStyle "fancy"/);
    const missing = await fetch(`${portal.url}/nope`);
    expect(missing.status).toBe(404);
    expect(doc(await missing.text()).querySelector('title')?.textContent).toBe('Page Not Found - ClientZone');
  });
});
