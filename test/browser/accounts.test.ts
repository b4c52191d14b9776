import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * The accounts story on a server of its own, started with no account at all: first-run setup, an admin
 * inviting people, a viewer who cannot change anything, an editor who publishes, and the audit log
 * showing who did it.
 */

const ADMIN = { name: 'Ada Admin', email: 'ada@example.test', password: 'ada’s own passphrase' };

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let flowId = '';
const invited = { viewer: { email: 'vic@example.test', password: '' }, editor: { email: 'eli@example.test', password: '' } };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.baseUrl}${path}`;

async function logOut() {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login/);
}

async function logIn(email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in with a temporary password and replaces it, as an invited person does on first visit. */
async function firstSignIn(role: 'viewer' | 'editor', temporary: string) {
  const own = `${role} chose this passphrase`;
  await logIn(invited[role].email, temporary);
  await page.waitForURL(/\/account\?password=required$/);
  await page.getByTestId('password-required').waitFor();
  await page.getByLabel('Temporary password').fill(temporary);
  await page.getByLabel('New password', { exact: true }).fill(own);
  await page.getByLabel('New password again').fill(own);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL(url('/'));
  invited[role].password = own;
}

async function invite(role: 'viewer' | 'editor', name: string): Promise<string> {
  await page.getByRole('button', { name: 'Invite user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a user' });
  await dialog.getByLabel('Email').fill(invited[role].email);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Invite' }).click();
  const handout = page.getByTestId('temporary-password');
  await handout.filter({ hasText: `Invited ${name}` }).waitFor();
  return (await handout.locator('code').textContent())!;
}

describe('accounts', () => {
  it('asks for the first administrator on first run, then signs them in', async () => {
    await page.goto(url('/'));
    await page.waitForURL(url('/setup'));
    await page.getByRole('heading', { name: 'Welcome to Switchboard' }).waitFor();
    await screenshot(page, 'setup');

    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill('a different one');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByText('The two passwords differ').waitFor();
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();

    await page.waitForURL(url('/'));
    const header = page.getByRole('banner');
    expect(await header.getByTestId('signed-in-user').textContent()).toBe('Ada AdminAdmin');
    expect(await header.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Flows', 'Numbers', 'Calls', 'Voicemail', 'Audit log', 'Users', 'Settings']);
    await screenshot(page, 'header-admin');

    // Setup is closed for good once an account exists.
    await page.goto(url('/setup'));
    await page.waitForURL(url('/'));
    const again = await fetch(url('/api/setup'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify({ name: 'Mallory', email: 'm@example.test', password: 'mallory passphrase' }),
    });
    expect(again.status).toBe(404);
  });

  it('lets the admin create a flow and invite a viewer and an editor', async () => {
    // A first start seeds the example flow (lib/simulator/demo-line.ts), so the list is not empty.
    await page.getByRole('link', { name: 'Example: IVR menu' }).waitFor();
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New flow' });
    await dialog.getByLabel('Name').fill('Support line');
    await dialog.getByText('IVR menu', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/\/flows\/fl_[a-z0-9]+$/);
    flowId = page.url().split('/').pop()!;

    await page.goto(url('/admin/users'));
    const viewerPassword = await invite('viewer', 'Vic Viewer');
    const editorPassword = await invite('editor', 'Eli Editor');
    expect(await page.getByRole('row', { name: /Vic Viewer/ }).getByText('Temporary password').isVisible()).toBe(true);
    await screenshot(page, 'admin-users');
    invited.viewer.password = viewerPassword;
    invited.editor.password = editorPassword;
  });

  it('shows a clear message for a wrong password', async () => {
    await logOut();
    await screenshot(page, 'login');
    await logIn(invited.viewer.email, 'not the password');
    // Next keeps an empty route announcer with the alert role too; this is the form's.
    await page.locator('form').getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    await screenshot(page, 'login-error');
  });

  it('keeps a viewer to reading: no edit buttons, a read-only editor, and the API refuses writes', async () => {
    await firstSignIn('viewer', invited.viewer.password);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Flows', 'Numbers', 'Calls', 'Voicemail']);
    await page.getByRole('link', { name: 'Support line' }).waitFor();
    for (const name of ['New flow', 'Import', 'Rename Support line', 'Duplicate Support line', 'Delete Support line']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await page.getByRole('button', { name: 'Export Support line', exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'flows-viewer');

    await page.goto(url(`/flows/${flowId}`));
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('palette').count()).toBe(0);
    for (const id of ['publish', 'undo', 'auto-layout', 'flow-name']) expect(await page.getByTestId(id).count()).toBe(0);
    await page.locator('.react-flow__node[data-id="main-menu"]').click();
    await page.getByTestId('node-form').waitFor();
    expect(await page.getByTestId('field-prompt').isDisabled()).toBe(true);
    await screenshot(page, 'editor-viewer');

    const status = await page.evaluate(async (id) => {
      const response = await fetch(`/api/flows/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ revision: 1, name: 'Hijacked' }) });
      return response.status;
    }, flowId);
    expect(status).toBe(403);
    expect((await page.goto(url('/audit')))?.status()).toBe(404);
  });

  it('lets an editor publish a version', async () => {
    await page.goto(url('/'));
    await logOut();
    await firstSignIn('editor', invited.editor.password);
    await page.goto(url(`/flows/${flowId}`));
    await page.getByTestId('palette').waitFor();
    await page.getByTestId('publish').click();
    const dialog = page.getByRole('dialog', { name: 'Publish a version' });
    await dialog.getByLabel('Note (optional)').fill('First release');
    await screenshot(page, 'editor-publish-dialog');
    await dialog.getByTestId('publish-confirm').click();
    expect(await page.getByTestId('published-version').textContent()).toBe('Version 1 published');
    await screenshot(page, 'editor-published');
  });

  it('shows the admin who published, in the audit log', async () => {
    await page.goto(url('/'));
    await logOut();
    await logIn(ADMIN.email, ADMIN.password);
    await page.waitForURL(url('/'));
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(url('/audit'));
    const published = page.locator('tr[data-action="version.published"]');
    expect(await published.locator('td').nth(1).textContent()).toBe(invited.editor.email);
    expect(await published.locator('td').nth(2).textContent()).toBe('Published a versionVersion 1: First release');
    await screenshot(page, 'audit');

    await page.getByLabel('What').selectOption('version.published');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=version\.published/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('What').selectOption('login.failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=login\.failed/);
    expect(await page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual([invited.viewer.email]);
    await screenshot(page, 'audit-filtered');
  });

  it('shows the admin which Vonage credentials are set, and lets everyone manage their own API tokens', async () => {
    await page.goto(url('/settings'));
    expect(await page.getByTestId('credential-VONAGE_API_SECRET').getByText('Not set').isVisible()).toBe(true);
    await screenshot(page, 'settings');

    await page.goto(url('/account'));
    await page.getByLabel('New token name').fill('CI deploys');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token-secret').textContent())!;
    expect(secret).toMatch(/^sb_/);
    await screenshot(page, 'account-token');
    const listed = await fetch(url('/api/flows'), { headers: { authorization: `Bearer ${secret}` } });
    expect(listed.status).toBe(200);
    await page.getByRole('button', { name: 'Revoke CI deploys' }).click();
    await page.getByRole('row', { name: /CI deploys/ }).getByText('Revoked').waitFor();
    expect((await fetch(url('/api/flows'), { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });
});
