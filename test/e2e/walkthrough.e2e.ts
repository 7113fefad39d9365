/**
 * Issue 3: the guided walkthrough `npm start` runs headless, as an end-to-end test. Every step
 * must pass; a step reported as "not built yet" fails this test too, so none can hide here.
 */
import { expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runWalkthrough } from '../../scripts/lib/walkthrough.mjs';

test('the headless walkthrough: vault, sign-up, scan, submit, backup code, login fill, export', async () => {
  const lines: string[] = [];
  const shots = mkdtempSync(path.join(tmpdir(), 'tessera-walk-'));
  const downloads = mkdtempSync(path.join(tmpdir(), 'tessera-dl-'));
  const ok = await runWalkthrough({ log: (l) => lines.push(l), screenshotDir: shots, downloadDir: downloads });
  expect(lines.filter((l) => /✗|not built yet/.test(l)), lines.join('\n')).toEqual([]);
  expect(ok).toBe(true);
  expect(lines.filter((l) => l.includes('✓')).length).toBe(9);
  expect(readdirSync(shots).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(9);
  const [backup] = readdirSync(downloads).filter((f) => f.endsWith('.json'));
  const file = JSON.parse(readFileSync(path.join(downloads, backup!), 'utf8'));
  expect(file.format).toBe('tessera-backup');
  expect(JSON.stringify(file)).not.toMatch(/ClientZone|walker/);
}, 180_000);
