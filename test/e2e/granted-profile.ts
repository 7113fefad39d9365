/** A Chromium profile with optional permissions already allowed (see scripts/lib/granted-profile.mjs for why). */
export { launchWithGrant } from '../../scripts/lib/granted-profile.mjs';
