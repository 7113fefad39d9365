/**
 * Where the page-side agent keeps itself between injections. A string property of the
 * isolated world's global is not safe: DOM named access makes `<div id="__tessera">` appear as
 * `window.__tessera` there too, so a page could put an element in the agent's place. A
 * registered Symbol cannot be named by an element id, and Object.hasOwn ignores the prototype.
 *
 * The background's injected `func` cannot import this module, so it repeats the key literally:
 * keep AGENT_KEY_NAME and agent-client.ts in step.
 */
import type { AgentApi } from './agent-api';

export const AGENT_KEY_NAME = 'tessera.page-agent';
const AGENT_KEY = Symbol.for(AGENT_KEY_NAME);

/** Installs `api` unless this document already has an agent (its per-load token must stay). */
export function installAgent(global: object, api: AgentApi): AgentApi {
  if (!Object.hasOwn(global, AGENT_KEY)) Object.defineProperty(global, AGENT_KEY, { value: api, configurable: false, writable: false });
  return (global as Record<symbol, AgentApi>)[AGENT_KEY]!;
}

/** The installed agent, or null. */
export function agentOf(global: object): AgentApi | null {
  return Object.hasOwn(global, AGENT_KEY) ? (global as Record<symbol, AgentApi>)[AGENT_KEY]! : null;
}
