import { describe, expect, test } from 'vitest';
import { agentOf, installAgent } from './agent-global';
import type { AgentApi } from './agent-api';

const fakeApi = (label: string) => ({ label }) as unknown as AgentApi;

describe('the agent global', () => {
  test('an element named __tessera on the global does not take the agent’s place', () => {
    // What DOM named access gives a page with <div id="__tessera">: a string-keyed property.
    const global = { __tessera: { nodeName: 'DIV' } };
    const api = fakeApi('agent');
    expect(installAgent(global, api)).toBe(api);
    expect(agentOf(global)).toBe(api);
  });

  test('the first agent of a document is kept on re-injection', () => {
    const global = {};
    const first = fakeApi('first');
    installAgent(global, first);
    expect(installAgent(global, fakeApi('second'))).toBe(first);
    expect(agentOf(global)).toBe(first);
  });

  test('an inherited property is not an agent', () => {
    const key = Symbol.for('tessera.page-agent');
    const global = Object.create({ [key]: fakeApi('from the prototype') });
    expect(agentOf(global)).toBeNull();
  });
});
