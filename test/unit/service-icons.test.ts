/**
 * Service icons: the shipped index matches free-text issuers and bound sites to the right
 * service, unknown ones to none (the popup then shows a coloured initial), and the build ships
 * a brand-coloured SVG for every curated service, each from simple-icons' CC0 set.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { matchService, serviceKey } from '../../src/core/icons/match-service';
import { serviceIconFiles } from '../../scripts/service-icons-plugin';

const { files, index } = serviceIconFiles();
const curated: Record<string, string[]> = JSON.parse(readFileSync(new URL('../../data/service-icons.json', import.meta.url), 'utf8')).services;

describe('matchService', () => {
  const cases: [string, string | null, string | null][] = [
    // issuer, bound site, expected icon
    ['GitHub', null, 'github'],
    ['github', null, 'github'],
    ['  GITHUB  ', null, 'github'],
    ['github.com', null, 'github'],
    ['GitHub Enterprise', null, 'github'],
    ['Google Account', null, 'google'],
    ['Google (Work)', null, 'google'],
    ['Battle.net', null, 'battledotnet'],
    ['Ubisoft Connect', null, 'ubisoft'],
    ['Cloudflare, Inc.', null, 'cloudflare'],
    ['login.gitlab.com', null, 'gitlab'],
    ['Twitter', null, 'x'],
    ['', 'github.com', 'github'],
    ['My Company', 'hetzner.com', 'hetzner'],
    ['Company SSO', 'accounts.google.com', 'google'],
    // The bound site wins over a misleading issuer: it comes from the browser, not from text.
    ['GitHub', 'gitlab.com', 'gitlab'],
    ['ClientZone Hosting', 'clientzone.example', null],
    ['Acme', null, null],
    ['Box Hill Institute', null, null],
    ['', null, null],
  ];
  for (const [issuer, site, want] of cases) {
    it(`${JSON.stringify(issuer)} on ${site ?? 'no site'} → ${want ?? 'initial'}`, () => {
      expect(matchService(index, { issuer, site })).toBe(want);
    });
  }

  it('folds case, accents and punctuation the same way on both sides', () => {
    expect(serviceKey('Ébay, Inc.')).toBe('ebayinc');
    expect(serviceKey('Crypto.com')).toBe(serviceKey('crypto com'));
  });
});

describe('the shipped icons', () => {
  it('has an SVG for every curated service and nothing else but the index', () => {
    expect([...files.keys()].sort()).toEqual([...Object.keys(curated).map((s) => `${s}.svg`), 'index.json'].sort());
  });

  it('draws each as a self-contained image: no script, no link, no external reference', () => {
    for (const [name, svg] of files) {
      if (!name.endsWith('.svg')) continue;
      expect(svg, name).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32"><rect [^>]*fill="#[0-9A-F]{6}"\/><path [^>]*d="[^"]+"\/><\/svg>$/);
      expect(svg, name).not.toMatch(/script|href|url\(/i);
    }
  });

  it('maps every curated domain to its service, and keeps the index small', () => {
    for (const [slug, domains] of Object.entries(curated)) for (const d of domains) expect(index.domains[d], d).toBe(slug);
    expect(files.get('index.json')!.length).toBeLessThan(16_000);
  });
});
