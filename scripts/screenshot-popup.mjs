// Writes docs/popup.png, the README's picture of the popup: a few accounts, one bound to the
// demo portal's site (so "This site" shows), codes live. Run after `npm run build`.
import { launch } from './lib/extension-browser.mjs';
import { startPortal } from '../demo/portal.mjs';

const portal = await startPortal();
const h = await launch();
try {
  const page = await h.ctx.newPage();
  await page.goto(`${portal.url}/login`);
  const ext = await h.extensionPage('src/pages/backup/index.html');
  const send = (type, payload) => ext.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  await send('vault/create', { passphrase: 'screenshot passphrase' });
  const list = [
    'otpauth://totp/GitHub:octo%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    'otpauth://totp/Fastmail:me%40example.com?secret=KRSXG5CTMVRXEZLU&issuer=Fastmail',
    'otpauth://totp/Hetzner:ops?secret=GEZDGNBVGY3TQOJQ&issuer=Hetzner',
    'otpauth://hotp/Bank:savings?secret=MFRGGZDFMZTWQ2LK&counter=3&issuer=Bank',
  ].join('\n');
  const file = Buffer.from(list).toString('base64');
  const preview = await send('backup/preview', { file });
  await send('backup/import', { file, selected: preview.value.entries.map((e) => e.index) });
  const popup = await h.openPopup(page);
  const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0].id);
  await send('account/add', { secretOrUri: 'otpauth://totp/ClientZone:alice%40example.com?secret=MZXW6YTBOI3TQOJQ&issuer=ClientZone', bindToTabId: tabId });
  await popup.close();
  const shown = await h.openPopup(page);
  await shown.getByRole('heading', { name: 'This site' }).waitFor();
  await shown.waitForTimeout(300);
  await shown.screenshot({ path: 'docs/popup.png' });
  console.log('wrote docs/popup.png');
} finally {
  await h.close();
  await portal.close();
}
