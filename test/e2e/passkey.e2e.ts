/**
 * Issue 13, passkey unlock in a real Chromium with a CDP virtual authenticator (ctap2, PRF, user
 * verification). The authenticator belongs to one page target and its PRF secret is not
 * exported, so every ceremony runs in the one passkey tab the popup opens and later reuses.
 * Add a passkey (a wrong passphrase adds nothing and creates no credential), lock, unlock with it
 * from the popup's "Unlock with passkey", refuse a credential that is not the vault's, use it for
 * the re-authentication of a plain export, and remove it from both storage slots. Then the
 * popup's "Show secret key": its own virtual authenticator (the popup is another page target)
 * reveals the otpauth link; another authenticator reveals nothing and says so.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { servePages } from './static-server';

const VAULT_PASS = 'passkey test passphrase';
const SECRET = 'JBSWY3DPEHPK3PXP';
const downloads = mkdtempSync(path.join(tmpdir(), 'tessera-passkey-dl-'));
let h: Harness;
let site: { url: string; close(): Promise<void> };
let page: Page;
let passkeyTab: Page;
let webauthn: CDPSession;
let authenticatorId = '';
/** The passkey made by the popup's own authenticator (the reveal tests). */
let popupKey: { credentialId: string; prfOutput: string } | undefined;

async function send(p: Page, type: string, payload: unknown) {
  return p.evaluate(([t, pl]) => (globalThis as any).chrome.runtime.sendMessage({ type: t, payload: pl }), [type, payload] as const);
}
async function storedSlots() {
  const { local } = await h.storageDump();
  return (['vault.a', 'vault.b'] as const).map((k) => (local as Record<string, any>)[k]).filter(Boolean);
}
/** A page's virtual authenticator makes a credential and answers its PRF for `salt` (base64): what the passkey page does. */
async function prfCredential(p: Page, salt: string): Promise<{ credentialId: string; prfOutput: string }> {
  return p.evaluate(async (saltB64) => {
    const b64 = (buf: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buf)));
    const first = Uint8Array.from(atob(saltB64), (c) => c.charCodeAt(0));
    const created = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Tessera' },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'x', displayName: 'x' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { userVerification: 'required' },
        extensions: { prf: {} } as any,
      },
    })) as PublicKeyCredential;
    const got = (await navigator.credentials.get({
      publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)), allowCredentials: [{ type: 'public-key', id: created.rawId }], userVerification: 'required', extensions: { prf: { eval: { first } } } as any },
    })) as PublicKeyCredential;
    const out = (got.getClientExtensionResults() as any).prf?.results?.first as ArrayBuffer;
    return { credentialId: b64(created.rawId), prfOutput: b64(out) };
  }, salt);
}
/** A virtual authenticator of its own for a page target (the popup is one, each time it opens). */
async function addAuthenticator(p: Page): Promise<CDPSession> {
  const session = await p.context().newCDPSession(p);
  await session.send('WebAuthn.enable');
  await session.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true, automaticPresenceSimulation: true },
  });
  return session;
}
const randomSalt = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
async function credentialCount(): Promise<number> {
  return (await webauthn.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
}

beforeAll(async () => {
  site = await servePages({ '/': '<!doctype html><title>Page</title><h1>Page</h1>' });
  h = await launch();
  const setup = await h.extensionPage('src/pages/backup/index.html');
  await send(setup, 'vault/create', { passphrase: VAULT_PASS });
  await send(setup, 'account/add', { secretOrUri: `otpauth://totp/Alpha:ann?secret=${SECRET}&issuer=Alpha` });
  await setup.close();
  page = await h.ctx.newPage();
  await page.goto(site.url + '/');
});
afterAll(async () => {
  await h?.close();
  await site?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('passkey unlock (WebAuthn PRF)', () => {
  test('Settings opens the passkey page; a wrong passphrase adds nothing, the right one adds the passkey', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Settings' }).click();
    const opened = h.ctx.waitForEvent('page');
    await popup.getByRole('button', { name: 'Add a passkey or security key' }).click();
    passkeyTab = await opened;
    await passkeyTab.waitForLoadState('domcontentloaded');
    expect(passkeyTab.url()).toContain('/src/pages/passkey/index.html');

    webauthn = await h.ctx.newCDPSession(passkeyTab);
    await webauthn.send('WebAuthn.enable');
    ({ authenticatorId } = await webauthn.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true, automaticPresenceSimulation: true },
    }));

    const add = passkeyTab.getByRole('button', { name: 'Add a passkey or security key' });
    await passkeyTab.getByLabel('Name for this passkey').fill('Test key');
    await passkeyTab.getByLabel('Vault passphrase').fill('not the passphrase');
    await add.click();
    await expect.poll(() => passkeyTab.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/wrong passphrase/i);
    expect(await credentialCount()).toBe(0); // checked before the ceremony: no orphan credential

    await passkeyTab.getByLabel('Vault passphrase').fill(VAULT_PASS);
    await add.click();
    await expect.poll(() => passkeyTab.getByRole('status').textContent(), { timeout: 30_000 }).toBe('Added Test key: it can now unlock Tessera.');
    expect(await passkeyTab.getByRole('list', { name: 'Passkeys' }).getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Test key, added /)]);
    expect(await credentialCount()).toBe(1);

    const [current] = (await storedSlots()).filter((r) => r.version === 2 && r.slots.some((s: any) => s.kind === 'prf'));
    expect(current.slots.map((s: any) => s.kind)).toEqual(['passphrase', 'prf']);
    expect(current.slots[1]).toMatchObject({ label: 'Test key', credentialId: expect.any(String), salt: expect.any(String) });
  });

  test('locked, the popup offers "Unlock with passkey" beside the passphrase; the passkey page unlocks', async () => {
    await send(passkeyTab, 'vault/lock', {});
    const popup = await h.openPopup(page);
    expect(await popup.getByLabel('Passphrase').count()).toBe(1); // the fallback always stays
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Unlock with passkey' }).click();
    await closed;
    // The popup reused the open passkey tab (same page target, same authenticator) and pointed it at #unlock.
    await expect.poll(() => passkeyTab.url()).toMatch(/#unlock$/);
    await passkeyTab.getByRole('button', { name: 'Unlock with passkey' }).click();
    await expect.poll(() => passkeyTab.getByRole('status').textContent(), { timeout: 30_000 }).toBe('Tessera is unlocked. You can close this tab.');

    const after = await h.openPopup(page);
    await after.getByRole('listitem').filter({ hasText: 'Alpha' }).waitFor({ timeout: 15_000 });
    await after.close();
  });

  test('a credential that is not the vault\'s, or another PRF output, is refused and the vault stays locked', async () => {
    await send(passkeyTab, 'vault/lock', {});
    await passkeyTab.bringToFront(); // WebAuthn needs the page focused, as for a person
    const other = await prfCredential(passkeyTab, randomSalt());
    const { passkeys } = (await send(passkeyTab, 'passkey/list', {})).value;
    expect(passkeys).toHaveLength(1);
    const unknown = await send(passkeyTab, 'vault/unlock-passkey', other);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-passkey' } });
    const wrong = await send(passkeyTab, 'vault/unlock-passkey', { credentialId: passkeys[0].credentialId, prfOutput: other.prfOutput });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passkey' } });
    expect((await send(passkeyTab, 'state/get', {})).value.status).toBe('locked');
    // The passphrase still unlocks.
    expect((await send(passkeyTab, 'vault/unlock', { passphrase: VAULT_PASS })).value.status).toBe('unlocked');
  });

  test('the passkey answers the re-authentication of "Export unencrypted" (same tab, backup page)', async () => {
    await passkeyTab.goto(passkeyTab.url().replace(/src\/pages\/passkey\/index\.html.*$/, 'src/pages/backup/index.html'));
    await passkeyTab.bringToFront();
    await h.allowDownloads(downloads);
    const exp = passkeyTab.locator('#export');
    await exp.getByRole('button', { name: 'Export unencrypted' }).click();
    const dialog = exp.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Use passkey' }).click();
    const files = () => readdirSync(downloads).filter((f) => f.endsWith('.txt'));
    await expect.poll(files, { timeout: 30_000 }).toHaveLength(1);
    expect(readFileSync(path.join(downloads, files()[0]!), 'utf8')).toContain(`secret=${SECRET}`);
  });

  test('removing the passkey needs the passphrase and removes its slot from both storage slots', async () => {
    await passkeyTab.goto(passkeyTab.url().replace(/src\/pages\/backup\/index\.html.*$/, 'src/pages/passkey/index.html#manage'));
    await passkeyTab.getByRole('button', { name: 'Remove Test key' }).click();
    const dialog = passkeyTab.getByRole('alertdialog');
    await dialog.getByLabel('Vault passphrase').fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/wrong passphrase/i);
    expect((await send(passkeyTab, 'passkey/list', {})).value.passkeys).toHaveLength(1);

    await dialog.getByLabel('Vault passphrase').fill(VAULT_PASS);
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => passkeyTab.getByRole('status').textContent(), { timeout: 20_000 }).toBe('Removed Test key.');
    const slots = await storedSlots();
    expect(slots).toHaveLength(2);
    for (const record of slots) expect(record.slots.map((s: any) => s.kind)).toEqual(['passphrase']);

    await send(passkeyTab, 'vault/lock', {});
    const popup = await h.openPopup(page);
    await popup.getByLabel('Passphrase').waitFor();
    expect(await popup.getByRole('button', { name: 'Unlock with passkey' }).count()).toBe(0);
    await popup.close();
  });

  test('in the popup, "Use passkey" answers "Show secret key" and the otpauth link appears', async () => {
    expect((await send(passkeyTab, 'vault/unlock', { passphrase: VAULT_PASS })).value.status).toBe('unlocked');
    const popup = await h.openPopup(page);
    await addAuthenticator(popup);
    // The popup's own authenticator gets a passkey slot the way the passkey page adds one.
    const salt = randomSalt();
    const key = await prfCredential(popup, salt);
    await send(popup, 'passkey/add', { passphrase: VAULT_PASS, ...key, salt, label: 'Popup key' });
    popupKey = key;

    await popup.getByRole('button', { name: 'Edit Alpha' }).click();
    await popup.getByRole('button', { name: 'Show secret key' }).click();
    const dialog = popup.getByRole('alertdialog');
    expect(await dialog.getByLabel('Vault passphrase').count()).toBe(1); // the passphrase stays beside it
    await dialog.getByRole('button', { name: 'Use passkey' }).click();
    await expect.poll(() => popup.getByLabel('Secret key (otpauth link)').inputValue(), { timeout: 30_000 }).toContain(`secret=${SECRET}`);
    expect(await dialog.count()).toBe(0);
    await popup.close();
  });

  test('in the popup, another authenticator reveals nothing and says so; a wrong PRF output is refused too', async () => {
    const popup = await h.openPopup(page);
    await addAuthenticator(popup);
    await prfCredential(popup, randomSalt()); // a passkey of its own, but none of the vault's

    await popup.getByRole('button', { name: 'Edit Alpha' }).click();
    await popup.getByRole('button', { name: 'Show secret key' }).click();
    const dialog = popup.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Use passkey' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 30_000 }).toBe(
      'The passkey request was cancelled or timed out, or this authenticator holds no Tessera passkey.',
    );
    expect(await popup.getByLabel('Secret key (otpauth link)').count()).toBe(0);
    expect(await popup.content()).not.toContain(SECRET);

    // The background judges the proof, whatever a page sends: the vault's credential with another
    // output, and an output from a credential it does not know, reveal nothing.
    const [{ id }] = (await send(popup, 'state/get', {})).value.accounts;
    const stranger = await prfCredential(popup, randomSalt());
    for (const [proof, code] of [
      [{ credentialId: popupKey!.credentialId, prfOutput: stranger.prfOutput }, 'wrong-passkey'],
      [stranger, 'unknown-passkey'],
    ] as const) {
      const reply = await send(popup, 'account/reveal', { id, proof: { passkey: proof } });
      expect(reply).toMatchObject({ ok: false, error: { code } });
      expect(JSON.stringify(reply)).not.toContain(SECRET);
    }
    await popup.close();
  });
});
