/**
 * The e2e tests' handle on the built extension in Debian's Chromium. The launcher itself is
 * plain JS in scripts/lib so that `npm start`'s walkthrough drives the browser the same way.
 */
export { launch, chromiumPath, EXTENSION_DIR, type Harness } from '../../scripts/lib/extension-browser.mjs';
