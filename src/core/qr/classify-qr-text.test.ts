import { describe, expect, it } from 'vitest';
import { classifyQrText } from './classify-qr-text';

describe('classifyQrText', () => {
  it.each([
    ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example', 'otpauth'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=0', 'otpauth'],
    ['  OTPAUTH://totp/x?secret=JBSWY3DPEHPK3PXP\n', 'otpauth'],
    ['otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8%3D', 'migration'],
    ['https://example.com/otpauth://totp', 'other'],
    ['otpauth:/totp/x', 'other'],
    ['WIFI:S:home;T:WPA;P:secret;;', 'other'],
    ['', 'other'],
  ])('%j → %s', (text, kind) => {
    expect(classifyQrText(text)).toBe(kind);
  });
});
