/**
 * A do-nothing extension for `npm run bench`: a popup that asks its service worker one question
 * and paints the answer, nothing else. Timed like Tessera's popup, warm and after the worker was
 * stopped, it shows what the browser itself adds to a cold open (a new extension process, a new
 * worker) before any of Tessera's code runs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function writeBareExtension() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-bare-'));
  mkdirSync(path.join(dir, 'src/popup'), { recursive: true });
  const files = {
    'manifest.json': JSON.stringify({
      manifest_version: 3, name: 'bare', version: '1.0',
      action: { default_popup: 'src/popup/index.html' },
      background: { service_worker: 'sw.js', type: 'module' },
    }),
    'sw.js': "chrome.runtime.onMessage.addListener((m, s, reply) => { reply({ ok: true, value: 'ready' }); });\n",
    'src/popup/index.html': '<!doctype html><meta charset="utf-8"><title>bare</title><body><p id="out"></p><script type="module" src="./popup.js"></script>',
    'src/popup/popup.js':
      "const reply = await chrome.runtime.sendMessage({ type: 'state/get', payload: {} });\n" +
      "document.getElementById('out').textContent = reply.value;\n" +
      "requestAnimationFrame(() => performance.mark('tessera:codes-shown'));\n",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
