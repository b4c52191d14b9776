import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startServer } from '../helpers/server';
import { ADMIN, authedFetch, signIn } from '../helpers/session';

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));
const LINE = '447700900123';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let flowId: string;

beforeAll(async () => {
  // Browser test files run one at a time on one server: start from no numbers.
  for (const { number } of (await (await api('/api/numbers')).json()).numbers) await api(`/api/numbers/${number}`, { method: 'DELETE' });
  const created = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'Reception hours', templateId: 'business-hours' }) });
  expect(created.status).toBe(201);
  flowId = (await created.json()).flow.id;
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
  page = browser.page;
});

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

const row = () => page.getByTestId(`number-${LINE}`);
const panel = () => page.getByTestId(`panel-${LINE}`);

describe('numbers page', () => {
  it('adds a local number, assigns a flow, sets a test caller and the override, and keeps them after a reload', async () => {
    await page.goto(`${baseUrl}/numbers`);
    await page.getByTestId('numbers-empty').waitFor();
    // The emulated Vonage account's numbers that Switchboard does not answer yet.
    await page.getByTestId('owned-numbers').getByText('Another application').waitFor();
    await page.getByTestId('owned-numbers').getByText('Forwards to SIP').waitFor();

    await page.getByLabel('Number', { exact: true }).fill('0770');
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByText('Start with the country code, not 0 (e.g. 44 for the UK)').waitFor();
    await page.getByLabel('Number', { exact: true }).fill(LINE);
    await page.getByLabel('Label (optional)').fill('Reception desk');
    await page.getByRole('button', { name: 'Add number' }).click();
    await row().waitFor();
    await row().getByText('Local only').waitFor();

    await row().getByLabel(`Flow for ${LINE}`).selectOption({ label: 'Reception hours' });
    await row().getByText('Nothing live: callers hear the apology').waitFor();
    expect(await row().getByRole('link', { name: 'Publish to this number' }).getAttribute('href')).toBe(`/flows/${flowId}?publish=${LINE}`);

    await page.getByTestId(`edit-${LINE}`).click();
    await panel().getByLabel('Add a test caller').fill('07700 900555');
    await panel().getByRole('button', { name: 'Add' }).click();
    await panel().getByText('Start with the country code, not 0 (e.g. 44 for the UK)').waitFor();
    await panel().getByLabel('Add a test caller').fill('+44 7700 900555');
    await panel().getByRole('button', { name: 'Add' }).click();
    await panel().getByRole('list', { name: 'Test callers' }).getByText('447700900555').waitFor();

    await panel().getByLabel('Force closed').check();
    await panel().getByRole('textbox', { name: /Message before the closed branch/ }).fill('We are closed today for staff training.');
    await panel().getByRole('button', { name: 'Save' }).click();
    await panel().getByText('Saved: new calls follow it.').waitFor();
    await screenshot(page, 'numbers-page-edited');

    await page.reload();
    await row().getByText('1 test caller').waitFor();
    await row().getByText('forced closed').waitFor();
    expect(await row().getByLabel(`Flow for ${LINE}`).inputValue()).toBe(flowId);
    await page.getByTestId(`edit-${LINE}`).click();
    await panel().getByRole('list', { name: 'Test callers' }).getByText('447700900555').waitFor();
    expect(await panel().getByLabel('Force closed').isChecked()).toBe(true);
    expect(await panel().getByRole('textbox', { name: /Message before the closed branch/ }).inputValue()).toBe('We are closed today for staff training.');

    // The API agrees with what the page shows.
    const stored = (await (await api(`/api/numbers/${LINE}`)).json()).number;
    expect(stored).toMatchObject({ flowId, versionId: null, testCallers: ['447700900555'], hoursOverride: 'closed', overrideMessage: 'We are closed today for staff training.' });
  });

  it('shows what is wrong with the Vonage link, in words a user can act on', async () => {
    const health = page.getByTestId('vonage-health');
    await health.getByTestId('finding-webhooks_elsewhere').waitFor();
    await health.getByTestId('finding-signed_callbacks_off').waitFor();
    // The local number has a flow but is not in the account: real calls never arrive.
    await health.getByTestId('finding-number_not_in_account').getByText(`${LINE} has a flow in Switchboard`).waitFor();
    await health.scrollIntoViewIfNeeded();
    await screenshot(page, 'numbers-page-health');
  });

  it('points the application at Switchboard after listing its numbers and the changes, and the findings go', async () => {
    // This changes the shared emulated application for the browser files that run after this one.
    const health = page.getByTestId('vonage-health');
    const finding = health.getByTestId('finding-webhooks_elsewhere');
    await finding.getByText('Use “Point the application at Switchboard” (admins)').waitFor();
    await finding.getByRole('button', { name: 'Point the application at Switchboard' }).click();
    const confirmation = finding.getByTestId('point-application-confirmation');
    await confirmation.waitFor();
    // The one number linked to the application follows the change; the others are not on it.
    expect(await confirmation.getByRole('list', { name: 'Numbers on the application' }).getByRole('listitem').allTextContents()).toEqual(['447700900300']);
    const changes = await confirmation.getByRole('list', { name: 'Changes' }).getByRole('listitem').allTextContents();
    expect(changes).toEqual([
      `Answer URL: not set → POST ${baseUrl}/api/voice/answer`,
      `Fallback answer URL: not set → POST ${baseUrl}/api/voice/fallback`,
      `Event URL: not set → POST ${baseUrl}/api/voice/event`,
      `RTC event URL: not set → POST ${baseUrl}/api/voice/rtc-event`,
      'Signed webhooks: off → on',
    ]);
    // Only the finding's own button is offered: signing off is fixed by the same change.
    expect(await health.getByRole('button', { name: 'Point the application at Switchboard' }).count()).toBe(0);
    await confirmation.scrollIntoViewIfNeeded();
    await screenshot(page, 'numbers-point-application-confirm');

    await confirmation.getByRole('button', { name: 'Change the application' }).click();
    await health.getByTestId('application-pointed').getByText('The Vonage application now sends its calls to Switchboard.').waitFor();
    // The check ran again: the finding and the signing one are gone, the unrelated one stays.
    await health.getByTestId('finding-number_not_in_account').waitFor();
    expect(await health.getByTestId('finding-webhooks_elsewhere').count()).toBe(0);
    expect(await health.getByTestId('finding-signed_callbacks_off').count()).toBe(0);
    await screenshot(page, 'numbers-point-application-done');
  });

  it('offers Call my phone in the editor, showing why Vonage cannot place the call', async () => {
    await page.goto(`${baseUrl}/flows/${flowId}`);
    await page.getByTestId('test-call').click();
    const form = page.getByTestId('phone-call-form');
    // The flow's number is the default caller ID; the emulated account does not own it.
    expect(await form.getByLabel('Call from').inputValue()).toBe(LINE);
    await form.getByLabel('Your phone').fill('447700900555');
    await form.getByRole('button', { name: 'Call my phone' }).click();
    await form.getByText(`${LINE} is not a number of your Vonage account: calls can only come from one of yours`).waitFor();
    await screenshot(page, 'numbers-call-my-phone');
  });

  it('says how to connect Vonage on a server without an account, rather than failing', async () => {
    const bare = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    try {
      await signIn(browser.context, bare.baseUrl);
      await page.goto(`${bare.baseUrl}/numbers`);
      // A fresh install has the demo line: it answers simulated calls only.
      await page.getByTestId('number-447700900000').getByText('Local only').waitFor();
      const help = page.getByTestId('vonage-not-configured');
      await help.getByText('No Vonage account is connected.').waitFor();
      for (const key of ['VONAGE_API_KEY', 'VONAGE_API_SECRET', 'VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY']) await help.getByText(key, { exact: true }).waitFor();
      await page.getByTestId('finding-credentials_missing').waitFor();
      expect(await page.getByTestId('owned-numbers').count()).toBe(0);
      await screenshot(page, 'numbers-page-not-configured');
    } finally {
      await bare.stop();
    }
  });
});
