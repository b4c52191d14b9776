import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { startServer, type RunningServer } from '../helpers/server';
import { ADMIN, authedFetch, createToken, signIn, signInCookie } from '../helpers/session';
import { startVonageEmulator, type VonageEmulator } from '../helpers/vonage-emulator';

/*
 * Publishing to a number of the Vonage account, against a server whose SDK talks to the local Vonage
 * emulator: the panel asks before changing the application (listing every number on it), Vonage
 * rate-limits the link, the number is reported not live with Vonage's reason, and the retry finishes.
 */

const APP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const KEY = 'emukey01';
const SECRET = 'EmuSecret01';
const NEW_NUMBER = '447700900411';
const LINKED_NUMBER = '447700900412';

let emulator: VonageEmulator;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let flowId = '';

beforeAll(async () => {
  emulator = await startVonageEmulator({
    apiKey: KEY,
    apiSecret: SECRET,
    applicationId: APP_ID,
    applications: [{ id: APP_ID, name: 'Shop', capabilities: { voice: { webhooks: { answer_url: { address: 'https://old.example.com/answer', http_method: 'GET' } } } } }],
    numbers: [
      { country: 'GB', msisdn: NEW_NUMBER, type: 'mobile-lvn', features: ['VOICE'] },
      { country: 'GB', msisdn: LINKED_NUMBER, type: 'mobile-lvn', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: APP_ID },
    ],
  });
  server = await startServer({
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    VONAGE_API_KEY: KEY,
    VONAGE_API_SECRET: SECRET,
    VONAGE_APPLICATION_ID: APP_ID,
    VONAGE_REST_HOST: emulator.url,
    VONAGE_API_HOST: emulator.url,
  });
  const api = authedFetch(server.baseUrl, await createToken(server.baseUrl, await signInCookie(server.baseUrl, ADMIN.email, ADMIN.password)));
  const document = flow(nodes(node('start'), node('say', { text: 'Hello from the shop.' }, 'hi'), node('hangup', {}, 'bye')), edges('start>hi', 'hi>bye'));
  const layout = { start: { x: 0, y: 0 }, hi: { x: 300, y: 0 }, bye: { x: 600, y: 0 } };
  const created = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'Shop line', document, layout }) });
  expect(created.status).toBe(201);
  flowId = (await created.json()).flow.id;
  browser = await launchBrowser();
  await signIn(browser.context, server.baseUrl);
  page = browser.page;
});

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
  await server?.stop();
  await emulator?.stop();
});

describe('publishing to a Vonage number', () => {
  it('asks before changing the application, reports Vonage’s refusal per number, and retries', async () => {
    await page.goto(`${server.baseUrl}/flows/${flowId}?publish=${NEW_NUMBER}`);
    const panel = page.getByRole('dialog', { name: 'Publish a version' });
    const confirmation = panel.getByTestId('webhook-confirmation');
    await confirmation.waitFor();
    await expect(panel.getByTestId(`target-${NEW_NUMBER}`).isChecked()).resolves.toBe(true);
    // Every number on the application follows the change, so all of them are listed.
    await expect(confirmation.textContent()).resolves.toContain(`${NEW_NUMBER}${LINKED_NUMBER}`);
    await expect(confirmation.textContent()).resolves.toContain(`Answer URL: GET https://old.example.com/answer → POST ${server.baseUrl}/api/voice/answer`);
    await expect(panel.getByTestId('publish-confirm').isDisabled()).resolves.toBe(true);
    await panel.getByTestId('confirm-webhooks').check();
    await screenshot(page, 'publish-vonage-confirm');

    emulator.fail({ path: '/number/update' }, { type: 'status', status: 429, headers: { 'retry-after': '20' } });
    await panel.getByTestId('publish-confirm').click();
    const outcome = panel.getByTestId('number-outcome');
    await outcome.getByText('Vonage is rate-limiting us; try again in 20 s.', { exact: false }).waitFor();
    await expect(outcome.getAttribute('data-live')).resolves.toBe('false');
    await screenshot(page, 'publish-vonage-refused');
    expect(emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`)).toHaveLength(1);

    await panel.getByTestId('retry-numbers').click();
    await outcome.getByText('Live on version 1, linked on Vonage').waitFor();
    await expect(outcome.getAttribute('data-live')).resolves.toBe('true');
    expect(emulator.requestsTo('POST', '/number/update').map((r) => r.body)).toEqual([
      { country: 'GB', msisdn: NEW_NUMBER, app_id: APP_ID },
      { country: 'GB', msisdn: NEW_NUMBER, app_id: APP_ID },
    ]);
    // The application was already right on the retry: it was not written twice.
    expect(emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`)).toHaveLength(1);
    await screenshot(page, 'publish-vonage-retried');
  });
});
