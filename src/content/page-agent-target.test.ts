// @vitest-environment happy-dom
/**
 * The page-side agent's marked target: the element right-clicked (focused) at a locked menu click
 * is found again by the agent's own token after the unlock, whatever the focus is by then, and a
 * re-rendered field or an unknown token counts as gone.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { AgentApi } from './agent-api';
import { agentOf } from './agent-global';

const FORM = `<form id="f"><label for="first">Authentication code</label><input id="first" name="otp" autocomplete="one-time-code" maxlength="6">
<label for="second">Verification code</label><input id="second" name="verification" maxlength="6"></form>`;

let agent: AgentApi;
beforeAll(async () => {
  await import('./page-agent.iife');
  agent = agentOf(globalThis) as AgentApi;
});

const indexOf = (id: string) => agent.field(false).page.fields.findIndex((f) => f.id === id);

describe('markTarget and field(true, token)', () => {
  test('the marked input is the target after the focus moved elsewhere', () => {
    document.body.innerHTML = FORM;
    (document.getElementById('second') as HTMLInputElement).focus();
    const mark = agent.markTarget();
    expect(mark.element).toMatch(/^[0-9a-f-]{36}$/);
    (document.getElementById('first') as HTMLInputElement).focus();
    const found = agent.field(true, mark.element);
    expect(found.documentToken).toBe(mark.documentToken);
    expect(found.target).toBe(indexOf('second'));
    expect(found.targetGone).toBeUndefined();
    // Without the token, the agent follows the focus (what the unlocked path does at once).
    expect(agent.field(true).target).toBe(indexOf('first'));
  });

  test('a re-rendered field is gone, even though an identical one stands in its place', () => {
    document.body.innerHTML = FORM;
    (document.getElementById('second') as HTMLInputElement).focus();
    const mark = agent.markTarget();
    const form = document.getElementById('f')!;
    form.replaceWith(form.cloneNode(true));
    const found = agent.field(true, mark.element);
    expect(found.targetGone).toBe(true);
    expect(found.target).toBe(-1);
  });

  test('a token the agent never made finds nothing', () => {
    document.body.innerHTML = FORM;
    (document.getElementById('second') as HTMLInputElement).focus();
    agent.markTarget();
    const found = agent.field(true, '00000000-0000-4000-8000-000000000000');
    expect(found.targetGone).toBe(true);
    expect(found.target).toBe(-1);
  });

  test('a click on no input marks nothing, and the fill then has no target', () => {
    document.body.innerHTML = `${FORM}<p id="text" tabindex="0">Help</p>`;
    (document.getElementById('text') as HTMLElement).focus();
    const mark = agent.markTarget();
    expect(mark.element).toBeNull();
    const found = agent.field(true, null);
    expect(found.target).toBe(-1);
    expect(found.targetGone).toBeUndefined();
  });
});
