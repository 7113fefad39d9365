/**
 * The WebAuthn side of passkey unlock and re-authentication, for trusted extension pages. Adding
 * and unlocking run in a full tab (the passkey page), which outlives a popup that loses the focus;
 * the popup's "Show secret key" asks for an assertion in place (see use-passkey-proof). The ceremonies hand back the PRF output for the slot's salt;
 * the background alone turns it into a key (HKDF) and judges it. No secret is stored here.
 *
 * The RP ID is left out, so it defaults to this page's own origin: Chromium lets an extension
 * page use its `chrome-extension://ID` origin; Firefox lets extensions (150+) claim only RP IDs of
 * domains in their host permissions, so there the feature is hidden (see passkeysSupported).
 */
import { fromBase64, toBase64 } from '../core/vault/bytes';
import type { PasskeyEntry, Proof } from '../shared/messages';

/** Thrown with a code the page turns into a localized message. */
export class PasskeyError extends Error {
  constructor(readonly code: 'no-prf' | 'cancelled' | 'not-supported') {
    super(code);
  }
}

type PrfResults = { enabled?: boolean; results?: { first?: ArrayBuffer } };

function prfOf(credential: PublicKeyCredential): PrfResults | undefined {
  return (credential.getClientExtensionResults() as { prf?: PrfResults }).prf;
}

function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const bytes = (b64: string): Uint8Array<ArrayBuffer> => fromBase64(b64) ?? new Uint8Array();

/** Whether this page can create and use PRF passkeys with its own origin as RP ID. */
export async function passkeysSupported(): Promise<boolean> {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return false;
  // Chromium documents extension pages as WebAuthn origins whose RP ID is their own origin;
  // Firefox's extension rules (MDN "Use Web Authn API in web extensions") allow only RP IDs of
  // host-permission domains, which Tessera does not hold at install.
  if (location.protocol !== 'chrome-extension:') return false;
  const probe = (PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> }).getClientCapabilities;
  if (!probe) return true;
  const caps = await probe.call(PublicKeyCredential).catch(() => ({}) as Record<string, boolean>);
  return caps['extension:prf'] !== false;
}

async function ceremony<T>(run: () => Promise<T | null>): Promise<T> {
  try {
    const result = await run();
    if (!result) throw new PasskeyError('cancelled');
    return result;
  } catch (err) {
    if (err instanceof PasskeyError) throw err;
    // NotAllowedError: the person cancelled, timed out, or used an authenticator without this credential.
    throw new PasskeyError(err instanceof DOMException && err.name === 'NotSupportedError' ? 'not-supported' : 'cancelled');
  }
}

/** An assertion with the PRF evaluated for each allowed credential's own salt. */
async function assert(passkeys: PasskeyEntry[]): Promise<{ credentialId: string; prfOutput: string }> {
  const evalByCredential = Object.fromEntries(passkeys.map((p) => [base64url(bytes(p.credentialId)), { first: bytes(p.salt) }]));
  const credential = await ceremony(
    () =>
      navigator.credentials.get({
        publicKey: {
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          allowCredentials: passkeys.map((p) => ({ type: 'public-key' as const, id: bytes(p.credentialId) })),
          userVerification: 'required',
          timeout: 120_000,
          extensions: { prf: { evalByCredential } } as AuthenticationExtensionsClientInputs,
        },
      }) as Promise<PublicKeyCredential | null>,
  );
  const first = prfOf(credential)?.results?.first;
  if (!first) throw new PasskeyError('no-prf');
  return { credentialId: toBase64(new Uint8Array(credential.rawId)), prfOutput: toBase64(new Uint8Array(first)) };
}

/** Runs the unlock (or re-authentication) ceremony against the vault's passkeys. */
export async function passkeyProof(passkeys: PasskeyEntry[]): Promise<Extract<Proof, { passkey: unknown }>> {
  return { passkey: await assert(passkeys) };
}

/**
 * Creates a credential with the PRF extension and returns its PRF output for `salt` (base64).
 * Authenticators that evaluate the PRF only on assertions get a second, get() ceremony; one
 * without PRF support throws PasskeyError('no-prf') and nothing is stored.
 */
export async function createPasskey(salt: string, label: string): Promise<{ credentialId: string; prfOutput: string }> {
  const credential = await ceremony(
    () =>
      navigator.credentials.create({
        publicKey: {
          rp: { name: 'Tessera' },
          user: { id: crypto.getRandomValues(new Uint8Array(16)), name: label, displayName: label },
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          pubKeyCredParams: [
            { type: 'public-key', alg: -7 },
            { type: 'public-key', alg: -257 },
          ],
          // Non-discoverable: a security key spends no resident slot, and the vault names the credential.
          authenticatorSelection: { residentKey: 'discouraged', userVerification: 'required' },
          timeout: 120_000,
          extensions: { prf: { eval: { first: bytes(salt) } } } as AuthenticationExtensionsClientInputs,
        },
      }) as Promise<PublicKeyCredential | null>,
  );
  const credentialId = toBase64(new Uint8Array(credential.rawId));
  const prf = prfOf(credential);
  const first = prf?.results?.first;
  if (first) return { credentialId, prfOutput: toBase64(new Uint8Array(first)) };
  if (!prf?.enabled) throw new PasskeyError('no-prf');
  const asserted = await assert([{ credentialId, salt, label, createdAt: 0 }]);
  return { credentialId, prfOutput: asserted.prfOutput };
}
