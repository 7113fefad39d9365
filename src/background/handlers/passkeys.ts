/**
 * Passkey unlock (WebAuthn PRF). The ceremonies run on the trusted passkey page; it hands the
 * background the credential id and the PRF output, and the background derives, wraps and
 * unwraps. Adding or removing a passkey needs the vault passphrase.
 */
import * as vault from '../vault-session';
import type { PartialHandlers } from './types';
import { popupState } from './state';
import { runPendingFill } from '../gestures/pending-fill';

const list = async () => ({ passkeys: await vault.passkeys() });

export const passkeyHandlers: PartialHandlers<'passkey/list' | 'passkey/add' | 'passkey/remove' | 'vault/unlock-passkey' | 'vault/verify'> = {
  'passkey/list': list,
  'passkey/add': async ({ passphrase, ...passkey }) => {
    await vault.addPasskey(passphrase, passkey);
    return list();
  },
  'passkey/remove': async ({ passphrase, credentialId }) => {
    await vault.removePasskey(passphrase, credentialId);
    return list();
  },
  'vault/unlock-passkey': async ({ credentialId, prfOutput }) => {
    await vault.unlockWithPasskey(credentialId, prfOutput);
    await runPendingFill();
    return popupState();
  },
  'vault/verify': async ({ proof }) => {
    await vault.verifyProof(proof);
    return { ok: true };
  },
};
