import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { authedFetch, signIn } from '../helpers/session';

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));

type StoredFlow = {
  id: string;
  name: string;
  revision: number;
  document: {
    settings: Record<string, unknown>;
    nodes: { id: string; kind: string; data: Record<string, unknown> }[];
    edges: { source: string; sourceHandle: string; target: string }[];
  };
  layout: Record<string, { x: number; y: number }>;
};

async function createFlow(body: Record<string, unknown>): Promise<StoredFlow> {
  const res = await api('/api/flows', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { flow: StoredFlow }).flow;
}

async function fetchFlow(id: string): Promise<StoredFlow> {
  const res = await api(`/api/flows/${id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { flow: StoredFlow }).flow;
}

/** Polls a condition against the server until it holds (bounded), for effects with no UI signal. */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
});

afterAll(async () => {
  // A script the Content-Security-Policy blocked would leave a page that never hydrates.
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

async function openFlow(page: Page, id: string) {
  await page.goto(`${baseUrl}/flows/${id}`);
  await page.locator('[data-testid="flow-node"]').first().waitFor();
}

const nodeBox = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const saved = (page: Page) => page.getByTestId('save-status').filter({ hasText: /^Saved$/ }).waitFor();

/** Adds a node from the palette by clicking it and returns the new node's id (the store selects it). */
async function addFromPalette(page: Page, kind: string): Promise<string> {
  const before = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
  await page.getByTestId(`palette-${kind}`).click();
  const form = page.locator(`[data-testid="node-form"]`);
  await page.waitForFunction(
    (known) => [...document.querySelectorAll('.react-flow__node')].some((el) => !known.includes(el.getAttribute('data-id'))),
    before,
  );
  const id = await form.getAttribute('data-node-id');
  expect(id).toMatch(new RegExp(`^${kind}_`));
  return id!;
}

/** Drags from one handle to another with real mouse moves, the way a user draws an edge. */
async function connect(page: Page, sourceId: string, handleId: string, targetId: string) {
  const from = await nodeBox(page, sourceId).locator(`.react-flow__handle[data-handleid="${handleId}"]`).boundingBox();
  const to = await nodeBox(page, targetId).locator('.react-flow__handle.target').boundingBox();
  if (!from || !to) throw new Error('handle not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

describe('flow editor', () => {
  it('answers 404 for a flow that does not exist', async () => {
    const res = await api('/flows/no_such_flow');
    expect(res.status).toBe(404);
  });

  it('builds a flow: add Say from the palette, connect it, type its text; all of it survives a reload', async () => {
    const flow = await createFlow({ name: 'Editor basics' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await screenshot(page, 'editor-blank');

    const sayId = await addFromPalette(page, 'say');
    await connect(page, 'start', 'next', sayId);
    await page.locator('.react-flow__edge').first().waitFor();

    const text = page.getByTestId('field-text');
    await text.click();
    await text.pressSequentially('Thanks for calling');
    // The node on the canvas shows what is typed as it is typed, before any save (flow-node-view.tsx reads it live).
    await nodeBox(page, sayId).filter({ hasText: 'Thanks for calling' }).waitFor({ timeout: 2000 });
    await text.blur();
    await saved(page);
    await screenshot(page, 'editor-say-connected');

    const stored = await fetchFlow(flow.id);
    expect(stored.document.nodes.find((n) => n.id === sayId)?.data.text).toBe('Thanks for calling');
    expect(stored.document.edges).toEqual([expect.objectContaining({ source: 'start', sourceHandle: 'next', target: sayId })]);

    await page.reload();
    await page.locator('.react-flow__edge').first().waitFor();
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(1);
    await nodeBox(page, sayId).click();
    await page.locator(`[data-testid="node-form"][data-node-id="${sayId}"]`).waitFor();
    await expect(page.getByTestId('field-text').inputValue()).resolves.toBe('Thanks for calling');
    await expect(nodeBox(page, sayId).textContent()).resolves.toContain('Thanks for calling');
  });

  it('undoes the last change with Ctrl+Z (typing in a field is one change) and saves the result', async () => {
    const flow = await createFlow({ name: 'Undo' });
    const { page } = browser;
    await openFlow(page, flow.id);
    const sayId = await addFromPalette(page, 'say');
    const text = page.getByTestId('field-text');
    await text.click();
    await text.pressSequentially('Hello');
    await text.blur();
    await saved(page);
    const textOf = async () => (await fetchFlow(flow.id)).document.nodes.find((n) => n.id === sayId)?.data.text;
    await expect(textOf()).resolves.toBe('Hello');

    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('[data-testid="field-text"]')?.value === '');
    await saved(page);
    await until(async () => (await textOf()) === '');

    await page.keyboard.press('Control+z');
    await nodeBox(page, sayId).waitFor({ state: 'detached' });
    await saved(page);
    await until(async () => (await fetchFlow(flow.id)).document.nodes.length === 1);

    await page.keyboard.press('Control+Shift+z');
    await nodeBox(page, sayId).waitFor();
  });

  it('leaves the canvas alone when Ctrl+Z is pressed while typing in a field', async () => {
    const flow = await createFlow({ name: 'Typing' });
    const { page } = browser;
    await openFlow(page, flow.id);
    const sayId = await addFromPalette(page, 'say');
    const text = page.getByTestId('field-text');
    await text.click();
    await text.pressSequentially('Hello');
    await page.keyboard.press('Control+z');
    await text.blur();
    await saved(page);
    // The node the palette added is still there: the shortcut belonged to the text box.
    expect((await fetchFlow(flow.id)).document.nodes.map((n) => n.id)).toContain(sayId);
    await expect(nodeBox(page, sayId).count()).resolves.toBe(1);
  });

  it('lists a lint problem for an empty Say, selects the node from it, and clears it once text is typed', async () => {
    const flow = await createFlow({ name: 'Lint' });
    const { page } = browser;
    await openFlow(page, flow.id);
    const sayId = await addFromPalette(page, 'say');
    const problem = page.getByTestId('problem').filter({ hasText: 'Type what the caller should hear' });
    await problem.waitFor();
    await expect(problem.getAttribute('data-node-id')).resolves.toBe(sayId);
    await expect(nodeBox(page, sayId).locator('[data-severity="error"]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'editor-problems');

    await page.keyboard.press('Escape');
    await page.getByTestId('flow-info').waitFor();
    await problem.click();
    await page.locator(`[data-testid="node-form"][data-node-id="${sayId}"]`).waitFor();
    await expect(nodeBox(page, sayId).getAttribute('class')).resolves.toContain('selected');

    await page.getByTestId('field-text').fill('Welcome');
    await problem.waitFor({ state: 'detached' });
  });

  it('does not save (or bump the revision) just because a flow was opened', async () => {
    const flow = await createFlow({ name: 'Just looking', templateId: 'ivr-menu' });
    const { page } = browser;
    const puts: string[] = [];
    const onRequest = (req: { method(): string; url(): string }) => {
      if (req.method() === 'PUT') puts.push(req.url());
    };
    page.on('request', onRequest);
    await openFlow(page, flow.id);
    await screenshot(page, 'editor-template');
    // Observation window longer than the 800 ms autosave debounce: a save would have started by now.
    await page.waitForTimeout(2000);
    page.off('request', onRequest);
    expect(puts).toEqual([]);
    expect((await fetchFlow(flow.id)).revision).toBe(flow.revision);
    await expect(page.getByTestId('save-status').textContent()).resolves.toBe('Saved');
  });

  it('shows the conflict banner when another tab saved first, and resolves it either way', async () => {
    const flow = await createFlow({ name: 'Two tabs' });
    const { page: first, context } = browser;
    const second = await context.newPage();
    try {
      await openFlow(first, flow.id);
      await openFlow(second, flow.id);

      const sayId = await addFromPalette(first, 'say');
      await saved(first);

      // The second tab still holds revision 1, so its save is refused.
      const noteId = await addFromPalette(second, 'note');
      await second.getByTestId('conflict-banner').waitFor();
      await expect(second.getByTestId('save-status').textContent()).resolves.toMatch(/changed elsewhere/);
      await screenshot(second, 'editor-conflict');

      await second.getByRole('button', { name: 'Load the latest version' }).click();
      await second.getByTestId('conflict-banner').waitFor({ state: 'detached' });
      await nodeBox(second, sayId).waitFor();
      await expect(nodeBox(second, noteId).count()).resolves.toBe(0);

      // Now the first tab is the stale one; it keeps its version over the server's.
      await addFromPalette(second, 'hangup');
      await saved(second);
      const hangupId = await addFromPalette(first, 'hangup');
      await first.getByTestId('conflict-banner').waitFor();
      await first.getByRole('button', { name: 'Keep my version' }).click();
      await saved(first);
      const stored = await fetchFlow(flow.id);
      expect(stored.document.nodes.map((n) => n.id).sort()).toEqual(['start', sayId, hangupId].sort());
    } finally {
      await second.close();
    }
  });

  it('keeps edits made while saving fails and restores them from the browser on the next visit', async () => {
    const flow = await createFlow({ name: 'Offline' });
    const { context } = browser;
    const page = await context.newPage();
    let sayId: string;
    try {
      await openFlow(page, flow.id);
      // Offline rather than a route: it also stops the keepalive save a closing tab sends.
      await context.setOffline(true);
      sayId = await addFromPalette(page, 'say');
      await page.getByTestId('save-status').filter({ hasText: "Couldn't save" }).waitFor();
      await screenshot(page, 'editor-offline');
      await page.close();
    } finally {
      await context.setOffline(false);
    }
    expect((await fetchFlow(flow.id)).document.nodes.map((n) => n.id)).toEqual(['start']);

    // The draft this browser kept is on the revision the server still has: it is restored and saved.
    const again = await context.newPage();
    try {
      await openFlow(again, flow.id);
      await nodeBox(again, sayId).waitFor();
      await until(async () => (await fetchFlow(flow.id)).document.nodes.some((n) => n.id === sayId));
      await saved(again);
    } finally {
      await again.close();
    }
  });

  it('offers a draft made before someone else saved back to the user, who can restore it', async () => {
    const flow = await createFlow({ name: 'Stale draft' });
    const { context } = browser;
    const page = await context.newPage();
    let sayId: string;
    try {
      await openFlow(page, flow.id);
      await context.setOffline(true);
      sayId = await addFromPalette(page, 'say');
      await page.getByTestId('save-status').filter({ hasText: "Couldn't save" }).waitFor();
      await page.close();
    } finally {
      await context.setOffline(false);
    }
    // Meanwhile someone else saves: the draft's base revision is now behind the server's.
    const put = await api(`/api/flows/${flow.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revision: flow.revision, name: 'Renamed elsewhere' }),
    });
    expect(put.status).toBe(200);

    const again = await context.newPage();
    try {
      await openFlow(again, flow.id);
      await again.getByTestId('draft-banner').waitFor();
      await expect(nodeBox(again, sayId).count()).resolves.toBe(0);
      await screenshot(again, 'editor-draft-conflict');
      await again.getByRole('button', { name: 'Restore my local copy' }).click();
      await nodeBox(again, sayId).waitFor();
      await until(async () => (await fetchFlow(flow.id)).document.nodes.some((n) => n.id === sayId));
      await saved(again);
      // The draft's edits win; the name it happened to carry does not undo the other rename.
      expect((await fetchFlow(flow.id)).name).toBe('Renamed elsewhere');
    } finally {
      await again.close();
    }
  });

  it('edits a menu through its generated form: list items add outputs, an emptied number is refused', async () => {
    const flow = await createFlow({ name: 'Menu form', templateId: 'ivr-menu' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await nodeBox(page, 'main-menu').click();
    await page.locator('[data-testid="node-form"][data-node-id="main-menu"]').waitFor();

    await page.getByRole('button', { name: '+ Add choice' }).click();
    await page.getByTestId('field-choices.3.key').fill('9');
    await page.getByTestId('field-choices.3.label').fill('Billing');
    await page.getByTestId('field-choices.3.label').blur();
    await nodeBox(page, 'main-menu').locator('.react-flow__handle[data-handleid]').nth(5).waitFor();
    await expect(nodeBox(page, 'main-menu').textContent()).resolves.toContain('9 · Billing');
    // The new output leads nowhere yet; its problem takes the view to the menu at a readable zoom.
    await page.getByTestId('problem').filter({ hasText: '9 · Billing' }).click();
    await page.waitForFunction(() => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      return viewport && new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a >= 0.8;
    });
    await screenshot(page, 'editor-menu-node');

    // A duplicate key is reported under the key field itself.
    await page.getByTestId('field-choices.3.key').fill('1');
    await page.locator('[data-field="choices.3.key"] .field-error').filter({ hasText: 'Key 1 is used twice' }).waitFor();
    await expect(page.getByTestId('field-choices.3.key').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByTestId('field-choices.3.key').fill('9');

    const timeout = page.getByTestId('field-timeout');
    await timeout.fill('');
    await page.locator('[data-field="timeout"] .field-error').filter({ hasText: 'Enter a number' }).waitFor();
    await expect(timeout.getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'editor-menu-inspector');
    await timeout.fill('7');
    await timeout.blur();
    await saved(page);

    const menu = (await fetchFlow(flow.id)).document.nodes.find((n) => n.id === 'main-menu')!;
    expect(menu.data.timeout).toBe(7);
    expect(menu.data.choices).toEqual(expect.arrayContaining([expect.objectContaining({ key: '9', label: 'Billing' })]));
  });

  it('saves valid flow settings and keeps invalid ones out of the flow', async () => {
    const flow = await createFlow({ name: 'Settings' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await page.getByTestId('open-settings').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('field-style').fill('3');
    const apology = dialog.getByTestId('field-apologyText');
    await apology.fill('   ');
    await dialog.locator('.field-error').filter({ hasText: 'The apology cannot be empty' }).waitFor();
    await expect(apology.getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'editor-settings');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await saved(page);

    const { settings } = (await fetchFlow(flow.id)).document;
    expect(settings.style).toBe(3);
    expect(settings.apologyText).toBe(flow.document.settings.apologyText);
  });

  it('selects a connection, explains it in the inspector and deletes it with the Delete key', async () => {
    const flow = await createFlow({ name: 'Edges', templateId: 'ivr-menu' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await page.locator('.react-flow__edge').first().waitFor();
    const edgeCount = await page.locator('.react-flow__edge').count();
    // The whole template is fitted into view; one step closer makes an edge easy to hit.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const edge = page.locator('.react-flow__edge').first();
    await edge.locator('.react-flow__edge-interaction').click({ force: true });
    await page.getByTestId('edge-info').waitFor();
    await expect(edge.getAttribute('class')).resolves.toContain('selected');
    await screenshot(page, 'editor-edge-selected');
    await page.keyboard.press('Delete');
    await page.getByTestId('edge-info').waitFor({ state: 'detached' });
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(edgeCount - 1);
    await saved(page);
    expect((await fetchFlow(flow.id)).document.edges).toHaveLength(edgeCount - 1);
  });

  it('duplicates with Ctrl+D and copies and pastes with Ctrl+C / Ctrl+V', async () => {
    const flow = await createFlow({ name: 'Clipboard' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await addFromPalette(page, 'say');
    await page.getByTestId('field-text').fill('Copy me');
    await page.getByTestId('field-text').blur();
    const says = page.locator('[data-testid="flow-node"][data-kind="say"]');
    await page.keyboard.press('Control+d');
    await says.nth(1).waitFor();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await says.nth(2).waitFor();
    await saved(page);
    const texts = (await fetchFlow(flow.id)).document.nodes.filter((n) => n.kind === 'say').map((n) => n.data.text);
    expect(texts).toEqual(['Copy me', 'Copy me', 'Copy me']);
  });

  it('saves pending edits before going back to the list', async () => {
    const flow = await createFlow({ name: 'Leaving' });
    const { page } = browser;
    await openFlow(page, flow.id);
    const sayId = await addFromPalette(page, 'say');
    // No wait for the autosave debounce: the back link itself must flush.
    await page.getByTestId('back-link').click();
    await page.waitForURL(`${baseUrl}/`);
    expect((await fetchFlow(flow.id)).document.nodes.map((n) => n.id)).toContain(sayId);
  });

  it('renames the flow inline and exports it as a switchboard.flow file', async () => {
    const flow = await createFlow({ name: 'Old name' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await page.getByTestId('flow-name').click();
    const input = page.getByTestId('flow-name-input');
    await input.fill('');
    await page.getByText('Name cannot be empty').waitFor();
    await input.fill('Support line');
    await input.press('Enter');
    await page.getByTestId('flow-name').filter({ hasText: 'Support line' }).waitFor();
    await saved(page);
    expect((await fetchFlow(flow.id)).name).toBe('Support line');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toBe('support-line.json');
    const file = JSON.parse(await streamText(await download.createReadStream()));
    expect(file).toMatchObject({ format: 'switchboard.flow', version: 1, name: 'Support line' });
    expect(file.document.nodes.map((n: { id: string }) => n.id)).toEqual(['start']);
  });

  it('tidies the layout in one undoable step', async () => {
    const flow = await createFlow({ name: 'Tidy', templateId: 'ivr-menu' });
    const { page } = browser;
    await openFlow(page, flow.id);
    await page.getByTestId('auto-layout').click();
    await until(async () => JSON.stringify((await fetchFlow(flow.id)).layout) !== JSON.stringify(flow.layout));
    await saved(page);
    await screenshot(page, 'editor-tidied');
    await page.keyboard.press('Control+z');
    await until(async () => JSON.stringify((await fetchFlow(flow.id)).layout) === JSON.stringify(flow.layout));
  });

  it('moves a node by dragging, and one Ctrl+Z puts it back', async () => {
    const flow = await createFlow({ name: 'Drag' });
    const { page } = browser;
    await openFlow(page, flow.id);
    const box = (await nodeBox(page, 'start').locator('header').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 240, box.y + 160, { steps: 15 });
    await page.mouse.up();
    await saved(page);
    const moved = (await fetchFlow(flow.id)).layout.start!;
    expect(moved.x).toBeGreaterThan(150);
    expect(moved.y).toBeGreaterThan(100);

    await page.keyboard.press('Control+z');
    await until(async () => (await fetchFlow(flow.id)).layout.start!.x === flow.layout.start!.x);
    expect((await fetchFlow(flow.id)).layout.start).toEqual(flow.layout.start);
  });

  it('adds a node where it is dropped from the palette', async () => {
    const flow = await createFlow({ name: 'Drag and drop' });
    const { page } = browser;
    await openFlow(page, flow.id);
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await page.getByTestId('palette-hangup').dragTo(page.locator('.react-flow__pane'), {
      targetPosition: { x: canvas.width - 320, y: 120 },
    });
    const node = page.locator('.react-flow__node:has([data-kind="hangup"])');
    await node.waitFor();
    const box = await node.boundingBox();
    expect(box!.x + box!.width / 2).toBeGreaterThan(canvas.x + canvas.width / 2);
    await saved(page);
  });
});
