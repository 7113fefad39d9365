/**
 * libsodium (sumo build: crypto_pwhash and secretstream) for encrypted Ente exports. Its ESM
 * build embeds its WebAssembly and needs no eval, so it runs under the extension's CSP
 * (`'wasm-unsafe-eval'` only).
 *
 * Why a static import: Chromium refuses `import()` in service workers ("import() is disallowed
 * on ServiceWorkerGlobalScope", checked in Chromium 156), and the importers run in the
 * background service worker. The cost is ~0.5 MB in the background bundle and the module's
 * start-up (it begins compiling its WebAssembly when evaluated); `ready` is awaited only here.
 */
import sodium from 'libsodium-wrappers-sumo';
import { ImportError } from './import-error';

export type Sodium = typeof sodium;

/**
 * libsodium, ready to call.
 *
 * @throws ImportError('unsupported') when the browser refuses to start its WebAssembly.
 */
export async function loadSodium(): Promise<Sodium> {
  try {
    await sodium.ready;
    return sodium;
  } catch {
    throw new ImportError('unsupported', 'Tessera could not start the decryption that encrypted Ente Auth exports need in this browser. Export as plain text from Ente Auth instead.');
  }
}
