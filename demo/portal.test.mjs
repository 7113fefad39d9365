import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startPortal, peekTotpSecret } from './portal.mjs';
import { createClient, parseHtml, alertText, codeAt, signUp } from './test-client.mjs';

const STEP = 30_000;
// A step boundary (1700000010 is a multiple of 30) plus 5 s, so "now" never sits on an edge.
let clock = 1_700_000_010_000 + 5_000;
/** @type {Awaited<ReturnType<typeof startPortal>>} */
let portal;

/** @param {string} html */
const doc = (html) => parseHtml(html);

beforeAll(async () => {
  portal = await startPortal({ now: () => clock });
});
afterAll(async () => {
  await portal.close();
});

describe('accounts', () => {
  it('answers /health and redirects / to the login page', async () => {
    const health = await fetch(`${portal.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');
    const root = await createClient(portal.url).get('/');
    expect(new URL(root.url).pathname).toBe('/login');
    expect(doc(root.text).querySelector('form#frmLogin input[name=email]')).not.toBeNull();
  });

  it('signs up, keeps a secure session cookie, logs out and logs in again', async () => {
    const c = createClient(portal.url);
    const reg = await signUp(c, 'ada@example.com');
    expect(new URL(reg.url).pathname).toBe('/clientarea');
    expect(doc(reg.text).querySelector('h1')?.textContent).toBe('Welcome back, Ada');
    expect(reg.setCookies[0]).toMatch(/^cz_session_\d+=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax$/);
    const labels = doc((await c.get('/register')).text).querySelectorAll('label[for]');
    expect(labels.length).toBe(3);

    await c.get('/logout');
    expect(new URL((await c.get('/clientarea')).url).pathname).toBe('/login');
    const bad = await c.post('/login', { email: 'ada@example.com', password: 'wrong' });
    expect(alertText(bad.text)).toBe('Login details incorrect. Please try again.');
    const ok = await c.post('/login', { email: 'ADA@example.com', password: 'correct horse' });
    expect(new URL(ok.url).pathname).toBe('/clientarea');
  });

  it('refuses a duplicate email and bad fields with a message', async () => {
    const c = createClient(portal.url);
    expect(alertText((await signUp(c, 'ada@example.com')).text)).toMatch(/already exists/);
    expect(alertText((await c.post('/register', { firstname: 'X', email: 'not-an-email', password: 'secret12' })).text))
      .toBe('Please enter a valid email address.');
  });

  it('stores passwords only as salted scrypt hashes', () => {
    const user = portal.state.users['ada@example.com'];
    expect(JSON.stringify(portal.state)).not.toContain('correct horse');
    expect(user?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  });
});

describe('two-factor authentication', () => {
  /** @type {{ secret: string, backup: string }} */
  let setup;
  /** @type {ReturnType<typeof createClient>} */
  let client;

  beforeAll(async () => {
    client = createClient(portal.url);
    await signUp(client, 'bob@example.com', 'bob-password');
  });

  it('enables 2FA in the WHMCS modal: wrong code refused, right code shows the backup code', async () => {
    const sec = doc((await client.get('/user/security')).text);
    const link = sec.querySelector('a.open-modal');
    expect(link?.textContent).toBe('Click here to Enable');
    expect(link?.getAttribute('href')).toBe('/user/two-factor/enable');
    expect(sec.querySelector('#modalAjax .modal-body')).not.toBeNull();

    const step1 = await client.get('/user/two-factor/enable', { xhr: true });
    expect(step1.text).not.toContain('<html');
    expect(doc(step1.text).querySelector('input[type=radio][name=module][value=totp]')).not.toBeNull();
    expect(step1.text).toContain('Time-Based Tokens');

    const step2 = await client.post('/user/two-factor/enable', { module: 'totp' }, { xhr: true });
    const d2 = doc(step2.text);
    const secret = d2.querySelector('strong')?.textContent ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
    expect(peekTotpSecret(portal, 'bob@example.com')).toBe(secret);
    expect(step2.text).toContain('Scan the QR code below with your authenticator app');
    expect(step2.text).toContain('<input type="text" name="verifykey" maxlength="6" class="form-control input-lg" placeholder="Enter authentication code" autofocus>');
    expect(d2.querySelector('input[type=button][value=Submit]')?.getAttribute('onclick')).toBe('dialogSubmit()');
    const action = d2.querySelector('form')?.getAttribute('action') ?? '';

    const wrongCode = String((Number(codeAt(secret, clock)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await client.post(action, { verifykey: wrongCode }, { xhr: true });
    expect(alertText(wrong.text)).toBe('Incorrect code. Please try again.');
    expect(doc(wrong.text).querySelector('strong')?.textContent).toBe(secret);

    const right = await client.post(action, { verifykey: codeAt(secret, clock) }, { xhr: true });
    expect(right.text).toContain('Two-Factor Authentication is now enabled');
    expect(right.text).toContain('Keep this backup code in a secure location');
    const backup = doc(right.text).querySelector('div.backup-code > span')?.textContent ?? '';
    expect(backup).toMatch(/^[a-z0-9]{4} [a-z0-9]{4} [a-z0-9]{4} [a-z0-9]{4}$/);
    expect(JSON.stringify(portal.state.users['bob@example.com'])).not.toContain(backup.replace(/ /g, ''));
    setup = { secret, backup };

    const after = doc((await client.get('/user/security')).text);
    expect(after.querySelector('a[href="/user/two-factor/disable"]')?.textContent).toBe('Click here to Disable');
  });

  it('requires the code at login and refuses to replay the code used at setup', async () => {
    await client.get('/logout');
    const login = await client.post('/login', { email: 'bob@example.com', password: 'bob-password' });
    expect(new URL(login.url).pathname).toBe('/login/two-factor');
    const page = doc(login.text);
    expect(page.querySelector('form#frmTwoFactorChallenge input[name=key][maxlength="6"]')).not.toBeNull();
    expect(page.querySelector('form#frmTwoFactorChallenge input#btnLogin[type=submit][value=Login]')).not.toBeNull();
    expect(page.querySelector('form#frmTwoFactorBackup')?.hasAttribute('hidden')).toBe(true);
    expect(new URL((await client.get('/clientarea')).url).pathname).toBe('/login');

    const replay = await client.post('/login/two-factor', { key: codeAt(setup.secret, clock) });
    expect(alertText(replay.text)).toMatch(/already been used/);
    clock += STEP;
    const ok = await client.post('/login/two-factor', { key: codeAt(setup.secret, clock) });
    expect(new URL(ok.url).pathname).toBe('/clientarea');
  });

  it('accepts one step of drift but not two, and never an already used step', async () => {
    const tryCode = async (/** @type {number} */ at) => {
      await client.get('/logout');
      await client.post('/login', { email: 'bob@example.com', password: 'bob-password' });
      return client.post('/login/two-factor', { key: codeAt(setup.secret, at) });
    };
    clock += 10 * STEP;
    expect(alertText((await tryCode(clock - 2 * STEP)).text)).toBe('Incorrect code. Please try again.');
    expect(new URL((await tryCode(clock - STEP)).url).pathname).toBe('/clientarea');
    expect(alertText((await tryCode(clock - STEP)).text)).toMatch(/already been used/);
    expect(new URL((await tryCode(clock + STEP)).url).pathname).toBe('/clientarea');
    // The current step is inside the window but older than the last accepted one (the next step).
    expect(alertText((await tryCode(clock)).text)).toMatch(/already been used/);
  });

  it('logs in once with the backup code, then shows a new one', async () => {
    await client.get('/logout');
    await client.post('/login', { email: 'bob@example.com', password: 'bob-password' });
    const used = await client.post('/login/two-factor/backup', { twofabackupcode: setup.backup });
    const fresh = doc(used.text).querySelector('div.alert.alert-warning.text-center.h4')?.textContent ?? '';
    expect(fresh).toMatch(/^[a-z0-9]{4}( [a-z0-9]{4}){3}$/);
    expect(fresh).not.toBe(setup.backup);
    expect((await client.get('/clientarea')).text).toContain('Welcome back, Ada');

    await client.get('/logout');
    await client.post('/login', { email: 'bob@example.com', password: 'bob-password' });
    const again = await client.post('/login/two-factor/backup', { twofabackupcode: setup.backup });
    expect(alertText(again.text)).toBe('Incorrect backup code. Please try again.');
    const withNew = await client.post('/login/two-factor/backup', { twofabackupcode: fresh.toUpperCase() });
    expect(withNew.text).toContain('Your Backup Code Was Used');
  });

  it('disables 2FA only with the password', async () => {
    const bad = await client.post('/user/two-factor/disable', { password: 'nope' });
    expect(alertText(bad.text)).toBe('Incorrect password. Please try again.');
    const ok = await client.post('/user/two-factor/disable', { password: 'bob-password' });
    expect(ok.text).toContain('Two-Factor Authentication has been disabled.');
    await client.get('/logout');
    const login = await client.post('/login', { email: 'bob@example.com', password: 'bob-password' });
    expect(new URL(login.url).pathname).toBe('/clientarea');
  });
});
