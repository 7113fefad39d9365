// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { findBackupCodes } from './find-backup-codes';

function doc(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('findBackupCodes', () => {
  const cases: [string, string, string[]][] = [
    ['WHMCS enable-complete', '<p>Your backup code is:</p><div class="backup-code"><span>ABCD 1234 EFGH 5678</span></div>', ['ABCD 1234 EFGH 5678']],
    ['WHMCS new backup code alert (class names the code)', '<div class="recovery-codes"><li>8f3k-29dj</li><li>3kd9-ee01</li></div>', ['8f3k-29dj', '3kd9-ee01']],
    ['GitLab-style list under a recovery heading', '<section><h3>Recovery codes</h3><ul><li><code>a1b2c3d4</code></li><li><code>e5f6a7b8</code></li></ul></section>', ['a1b2c3d4', 'e5f6a7b8']],
    ['pre block of codes', '<div><p>Save these backup codes:</p><pre>11112222  33334444\n55556666</pre></div>', ['11112222', '33334444', '55556666']],
    ['a page with codes but no word about backup', '<div><p>Your order number</p><code>AB12CD34</code></div>', []],
    ['words are not codes', '<div class="backup-code"><span>Download</span></div>', []],
  ];
  for (const [name, html, expected] of cases) {
    test(name, () => expect(findBackupCodes(doc(html))).toEqual(expected));
  }
});
