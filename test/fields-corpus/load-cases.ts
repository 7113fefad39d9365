/**
 * The field-finder corpus: login and setup pages restated from real sites, one JSON file per
 * language under cases/. Shared by the vitest runner (corpus.test.ts) and the Chromium sample
 * (test/e2e/fields-corpus.e2e.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';

export type CaseExpect = { field: string } | { boxes: string } | { none: 'no-field' | 'look-alike' | 'sms' | 'email' };

export interface CorpusCase {
  id: string;
  lang: string;
  source: string;
  kind: 'login' | 'setup';
  html: string;
  expect: CaseExpect;
  digits?: 6 | 7 | 8;
}

const DIR = new URL('./cases/', import.meta.url);

export function loadCases(): CorpusCase[] {
  let files: string[];
  try {
    files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.flatMap((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as CorpusCase[]);
}

/**
 * Turns declarative shadow DOM (`<template shadowrootmode>`) into real shadow roots, innermost
 * ones included: engines that parse HTML by script (happy-dom, innerHTML) leave them as templates.
 */
export function attachDeclarativeShadowRoots(root: Document | ShadowRoot | Element): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    const shadow = host.attachShadow({ mode });
    shadow.appendChild((template as HTMLTemplateElement).content);
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}
