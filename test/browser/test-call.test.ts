import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CallDetailJsonSchema } from '@/lib/calls/wire';
import { SimulatedCallBodySchema } from '@/lib/simulator/view';
import { launchBrowser, screenshot } from '../helpers/browser';
import { authedFetch, createAccount, signIn } from '../helpers/session';

/*
 * A new editor tests the IVR template without a phone: a test call from the editor, a key press, the
 * support prompt in the transcript, the call's path lit on the canvas, and the call in the event log,
 * marked simulated. Then the template's scenarios run from the Scenarios tab.
 */

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const editor = await createAccount(baseUrl, inject('adminToken'), 'editor', `tester-${Date.now()}@switchboard.test`);
  await signIn(browser.context, baseUrl, editor.email, editor.password);
  page = browser.page;
});

afterAll(async () => {
  // A script the Content-Security-Policy blocked would leave a page that never hydrates.
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="flow-node"]`);
const heard = (text: string) => page.getByTestId('transcript').getByTestId('heard').filter({ hasText: text });

describe('test call', () => {
  let callId = '';

  it('calls the IVR template from the editor, presses 2, hears support, and lights the path', async () => {
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New flow' });
    await dialog.getByLabel('Name').fill('My first IVR');
    await dialog.getByText('IVR menu', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/\/flows\/fl_[a-z0-9]+$/);
    await node('main-menu').waitFor();

    await page.getByTestId('test-call').click();
    const panel = page.getByTestId('test-call-panel');
    await panel.waitFor();
    await panel.getByText('Pretend the call is at another time').click();
    await screenshot(page, 'test-call-setup');
    await panel.getByText('Pretend the call is at another time').click();
    const started = page.waitForResponse((r) => r.url().endsWith('/api/simulator/calls') && r.request().method() === 'POST');
    await panel.getByTestId('start-test-call').click();
    callId = SimulatedCallBodySchema.parse(await (await started).json()).call.id;

    await heard('For sales, press 1. For support, press 2.').waitFor();
    await page.locator('.react-flow__node[data-id="main-menu"] [data-call="current"]').waitFor();
    await panel.getByRole('button', { name: 'Key 2' }).click();
    await heard('Connecting you to customer support.').waitFor();
    await page.locator('.react-flow__node[data-id="connect-support"] [data-call="current"]').waitFor();

    const marks = await Promise.all(['start', 'welcome', 'main-menu', 'support-intro', 'connect-support', 'sales-intro'].map((id) => node(id).getAttribute('data-call')));
    expect(marks).toEqual(['passed', 'passed', 'passed', 'passed', 'current', null]);
    await expect(panel.getByRole('group', { name: 'Connect outcome' }).isVisible()).resolves.toBe(true);
    // The canvas follows the call: the node it is at comes into view (once the pan has finished).
    await page.waitForFunction(() => {
      const box = document.querySelector('.react-flow__node[data-id="connect-support"]')?.getBoundingClientRect();
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      if (!box || !canvas) return false;
      // Right of the middle, so the way the call came is in view too (use-follow-call.ts).
      const target = canvas.left + canvas.width * 0.62;
      return box.left >= canvas.left && box.right <= canvas.right && Math.abs(box.left + box.width / 2 - target) < 2;
    });
    await screenshot(page, 'test-call-mid-call');

    await panel.getByTestId('hang-up').click();
    await panel.getByTestId('call-status').filter({ hasText: 'Call ended' }).waitFor();
    await expect(panel.getByText('Call ended: You hung up').isVisible()).resolves.toBe(true);
  });

  it('finds the call in the event log, marked as simulated', async () => {
    const response = await api(`/api/calls/${callId}`);
    expect(response.status).toBe(200);
    const detail = CallDetailJsonSchema.parse(await response.json());
    expect(detail.call).toMatchObject({ uuid: callId, simulated: true, flowName: 'My first IVR' });
    expect(detail.events.length).toBeGreaterThan(5);
    expect(detail.events.every((event) => event.simulated)).toBe(true);
    expect(detail.events.map((e) => e.status)).toEqual(expect.arrayContaining(['started', 'ringing', 'answered', 'completed']));
  });

  it('runs the template’s scenarios from the Scenarios tab, and shows a failing step with what was heard', async () => {
    const panel = page.getByTestId('test-call-panel');
    await panel.getByRole('tab', { name: 'Scenarios' }).click();
    await panel.getByTestId('scenario').first().waitFor();
    await panel.getByTestId('run-scenarios').click();
    await panel.getByRole('status').filter({ hasText: '4 of 4 passed' }).waitFor();

    // Break the support prompt in the editor: the scenario that expects it must fail, naming the step.
    await node('support-intro').click();
    await page.getByTestId('field-text').fill('Connecting you to the helpdesk.');
    await panel.getByRole('button', { name: 'Run Press 2 for support' }).click();
    const card = panel.getByTestId('scenario').filter({ hasText: 'Press 2 for support' });
    await card.getByText('Failed at step 4').waitFor();
    await expect(card.getByRole('alert').textContent()).resolves.toContain('heard “Connecting you to the helpdesk.”');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'test-call-scenarios');
  });

  it('writes a new scenario in the panel and runs it', async () => {
    const panel = page.getByTestId('test-call-panel');
    await panel.getByRole('button', { name: 'New scenario' }).click();
    const form = panel.getByRole('form', { name: 'New scenario' });
    await form.getByLabel('Name').fill('Operator on 0');
    await form.getByLabel('Step 1: words').fill('thank you for calling');
    await form.getByLabel('Add a step').selectOption('press');
    await form.getByLabel('Step 2: keys').fill('0');
    await form.getByLabel('Add a step').selectOption('reach');
    await form.getByLabel('Step 3: step').selectOption('connect-operator');
    await screenshot(page, 'test-call-scenario-editor');
    await form.getByRole('button', { name: 'Save scenario' }).click();

    const card = panel.getByTestId('scenario').filter({ hasText: 'Operator on 0' });
    await card.getByRole('button', { name: 'Run Operator on 0' }).click();
    await card.getByText('Passed', { exact: true }).waitFor();
    const flowId = new URL(page.url()).pathname.split('/').at(-1);
    const { scenarios } = await (await api(`/api/flows/${flowId}/scenarios`)).json();
    expect(scenarios.at(-1)).toMatchObject({
      name: 'Operator on 0',
      steps: [{ type: 'hear', text: 'thank you for calling' }, { type: 'press', keys: '0' }, { type: 'reach', nodeId: 'connect-operator' }],
    });
  });
});
