import { describe, expect, it } from 'vitest';
import { checkFieldHint, mergeFieldHints, storedHints, withHint } from './field-hints';

const h = (name: string) => ({ name, id: '', label: '' });

describe('field hints', () => {
  it('checks shape and lengths, and drops other keys', () => {
    expect(checkFieldHint({ name: 'otp', id: 'otp-1', label: '', page: 'x' })).toEqual({ name: 'otp', id: 'otp-1', label: '' });
    expect(checkFieldHint({ name: '', id: '', label: 'Code' })).toEqual({ name: '', id: '', label: 'Code' });
    expect(checkFieldHint({ name: 'x'.repeat(100), id: '', label: '' })).not.toBeNull();
    for (const bad of [null, 'otp', [], { name: 'otp', id: '' }, { name: 1, id: '', label: '' }, { name: '', id: '', label: '' }, { name: 'x'.repeat(101), id: '', label: '' }]) {
      expect(checkFieldHint(bad)).toBeNull();
    }
  });

  it('keeps a site key such as __proto__ as plain data', () => {
    const raw = JSON.parse('{"__proto__": {"name": "otp", "id": "", "label": ""}, "github.com": {"name": "x", "id": "", "label": ""}}') as unknown;
    const hints = storedHints(raw);
    expect(Object.getPrototypeOf(hints)).toBe(Object.prototype);
    expect(Object.keys(hints)).toEqual(['__proto__', 'github.com']);
  });

  it('a taught field moves to the end, and the oldest past 500 sites go', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`s${i}.example`, h(`n${i}`)]));
    const next = withHint(withHint(many, 's3.example', h('again')), 'new.example', h('new'));
    const sites = Object.keys(next);
    expect(sites).toHaveLength(500);
    expect(sites.slice(-2)).toEqual(['s3.example', 'new.example']);
    expect(sites[0]).toBe('s1.example');
    expect(next['s3.example']).toEqual(h('again'));
  });

  it('an import adds hints for sites without one and keeps the vault\'s own', () => {
    const existing = { 'github.com': h('mine') };
    const incoming = { 'github.com': h('theirs'), 'gitlab.com': h('otp') };
    expect(mergeFieldHints(existing, incoming)).toEqual({ hints: { 'github.com': h('mine'), 'gitlab.com': h('otp') }, added: 1 });
    expect(mergeFieldHints(existing, { 'github.com': h('theirs') })).toEqual({ hints: existing, added: 0 });
  });

  it('an import never pushes the vault\'s hints out past the cap', () => {
    const existing = Object.fromEntries(Array.from({ length: 498 }, (_, i) => [`s${i}.example`, h('mine')]));
    const incoming = { 'a.example': h('a'), 's0.example': h('theirs'), 'b.example': h('b'), 'c.example': h('c') };
    const { hints, added } = mergeFieldHints(existing, incoming);
    expect(added).toBe(2);
    expect(Object.keys(hints)).toHaveLength(500);
    expect(hints['s0.example']).toEqual(h('mine'));
    expect(hints['b.example']).toEqual(h('b'));
    expect(hints['c.example']).toBeUndefined();
  });
});
