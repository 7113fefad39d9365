import { describe, expect, it } from 'vitest';
import { importFile } from './index';

// Budget from the task: "well under 1 s". Measured on the 2-core CI box: see the report.
const BUDGET_MS = 1000;
const N = 10_000;
const secret = (i: number) => `JBSWY3DPEHPK${'234567ABCDEFGHIJ'[i % 16]}${'ABCDEFGHIJKLMNOP'[(i >> 4) % 16]}`;

describe('performance', () => {
  it(`parses ${N} otpauth lines under ${BUDGET_MS} ms`, async () => {
    const text = Array.from({ length: N }, (_, i) => `otpauth://totp/Issuer%20${i}:user${i}%40example.com?secret=${secret(i)}&issuer=Issuer%20${i}&digits=6&period=30`).join('\n');
    const started = performance.now();
    const result = await importFile(text);
    const elapsed = performance.now() - started;
    expect(result.entries).toHaveLength(N);
    expect(result.entries[N - 1]!.input).toMatchObject({ issuer: `Issuer ${N - 1}`, name: `user${N - 1}@example.com`, secret: secret(N - 1) });
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });

  it(`parses a ${N}-entry Aegis plain file under ${BUDGET_MS} ms`, async () => {
    const entries = Array.from({ length: N }, (_, i) => ({
      type: i % 2 ? 'hotp' : 'totp', uuid: `u${i}`, name: `n${i}`, issuer: `i${i}`, note: '', icon: null,
      info: { secret: secret(i), algo: 'SHA256', digits: 8, period: 30, counter: i },
    }));
    const file = new TextEncoder().encode(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } }));
    const started = performance.now();
    const result = await importFile(file);
    const elapsed = performance.now() - started;
    expect(result.entries).toHaveLength(N);
    expect(result.entries[N - 1]!.input).toMatchObject({ type: 'hotp', counter: N - 1, digits: 8, algorithm: 'SHA256' });
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });
});
