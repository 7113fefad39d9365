/**
 * Injects the page-side agent into a tab on demand and calls it. Works only where the user
 * granted access now (activeTab from the popup, shortcut or context menu) or opted in for
 * the site: without that, the browser refuses and we report it plainly.
 */
import browser from '../browser-api';
import agentPath from '../../content/page-agent.iife.ts?script';
import type { AgentApi } from '../../content/agent-api';
import { UserError } from '../user-error';

type AgentCall<R> = { frameId: number; result: R };

async function inject(tabId: number, frameIds?: number[]): Promise<void> {
  try {
    await browser.scripting.executeScript({
      target: frameIds ? { tabId, frameIds } : { tabId, allFrames: true },
      files: [agentPath],
    });
  } catch {
    throw new UserError('no-access', 'Tessera cannot read this page. Open the popup on the page itself (browser pages and the extension store are off limits).');
  }
}

/**
 * Runs one agent method in every frame we may access (or the given ones). Frames the browser
 * does not let us into (other sites without a grant) are simply absent from the results.
 */
export async function callAgent<K extends keyof AgentApi>(
  tabId: number,
  method: K,
  args: Parameters<AgentApi[K]>,
  frameIds?: number[],
): Promise<AgentCall<Awaited<ReturnType<AgentApi[K]>>>[]> {
  await inject(tabId, frameIds);
  const results = await browser.scripting.executeScript({
    target: frameIds ? { tabId, frameIds } : { tabId, allFrames: true },
    func: (name: string, callArgs: unknown[]) => {
      // The key of content/agent-global.ts, repeated: an injected func cannot import. A Symbol and
      // Object.hasOwn, so neither an element id nor a prototype can stand in for the agent.
      const key = Symbol.for('tessera.page-agent');
      if (!Object.hasOwn(globalThis, key)) return null;
      const agent = (globalThis as unknown as Record<symbol, Record<string, (...a: unknown[]) => unknown>>)[key]!;
      return Object.hasOwn(agent, name) ? agent[name]!(...callArgs) : null;
    },
    args: [method, args],
  });
  return results
    .filter((r) => r.result !== null && r.result !== undefined)
    .map((r) => ({ frameId: r.frameId ?? 0, result: r.result as Awaited<ReturnType<AgentApi[K]>> }));
}
