/** A Chromium profile with one host permission already allowed (see scripts/lib/granted-profile.mjs for why). */
export { launchWithGrant } from '../../scripts/lib/granted-profile.mjs';
