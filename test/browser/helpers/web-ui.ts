/**
 * The parts of Temporal UI 2.54 (bundled with temporal CLI 1.9.1) the browser test drives, found by driving it:
 * labels, roles and the test ids Temporal's own UI tests use, never CSS classes.
 */
import type { Locator, Page } from 'playwright-core';

/** What the Start Workflow form asks for. */
export interface StartWorkflowFields {
  workflowId: string;
  taskQueue: string;
  workflowType: string;
  /** The one JSON argument (the form's Input → Data editor). */
  input: unknown;
}

/** Opens `<ui>/namespaces/default/workflows/start-workflow` and fills the form (does not submit it). */
export async function fillStartWorkflowForm(page: Page, uiUrl: string, fields: StartWorkflowFields): Promise<void> {
  await page.goto(`${uiUrl}/namespaces/default/workflows/start-workflow`);
  await page.getByLabel('Workflow ID').fill(fields.workflowId);
  await page.getByLabel('Task Queue').fill(fields.taskQueue);
  await page.getByLabel('Workflow Type').fill(fields.workflowType);
  await typeJson(page, page.getByRole('textbox', { name: 'Data' }), fields.input);
  // The form checks the task queue: a worker must be polling it (the dev command's worker).
  await page.getByText('Task Queue is Active').waitFor();
}

/** Clicks Start Workflow and follows the "Workflow started successfully" toast to the workflow's page. */
export async function submitStartWorkflowForm(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start Workflow' }).click();
  await page.getByRole('link', { name: 'Workflow started successfully' }).click();
  await page.getByTestId('execution-status').waitFor();
}

/**
 * Types JSON into one of the UI's code editors (CodeMirror). The editor reformats its text when it loses focus,
 * which moves the buttons below it; so focus leaves it first, and buttons are clicked once the layout settled.
 */
async function typeJson(page: Page, editor: Locator, value: unknown): Promise<void> {
  await editor.click();
  await page.keyboard.insertText(JSON.stringify(value, null, 2));
  await editor.blur();
}

/** The workflow's status badge: Running, Completed, Failed, … */
export async function executionStatus(page: Page): Promise<string> {
  return (await page.getByTestId('execution-status').innerText()).trim();
}

/** Opens a tab of the workflow page (Timeline, User Metadata, …). */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/**
 * The "Current Details" text of the User Metadata tab: the UI renders the Markdown in an iframe of its own.
 * Typography the renderer adds (15⁄15, “quotes”) is turned back into plain ASCII.
 */
export async function currentDetails(page: Page): Promise<string> {
  const panel = page.getByRole('heading', { name: 'Current Details' }).locator('xpath=ancestor::div[.//iframe][1]');
  const frame = panel.locator('iframe').contentFrame();
  return plainText(await frame.locator('body').innerText());
}

/**
 * Waits until the current details satisfy `done`, pressing R (the UI's "Press R for freshness": details are
 * not polled) between reads. Returns the last text; throws with it on timeout.
 */
export async function waitForDetails(page: Page, done: (text: string) => boolean, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await currentDetails(page).catch(() => last);
    if (done(last)) return last;
    await page.keyboard.press('r');
    await page.waitForTimeout(750);
  }
  throw new Error(`the Web UI's current details did not reach the expected state in ${timeoutMs} ms; last:\n${last}`);
}

/** Waits until the status badge shows `status` (the UI polls running workflows). */
export async function waitForStatus(page: Page, status: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await executionStatus(page).catch(() => last);
    if (last.toLowerCase() === status.toLowerCase()) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`the workflow page did not show ${status} in ${timeoutMs} ms; last: ${last}`);
}

/**
 * Waits until the Timeline tab's Input or Result panel (a read-only code view of the payload) satisfies `done`:
 * the UI first shows payloads as stored, then as the codec server decoded them.
 */
export async function waitForPayload(page: Page, name: 'Input' | 'Result', done: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  await openTab(page, 'Timeline');
  const view = page.getByRole('textbox', { name, exact: true });
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = plainText(await view.innerText().catch(() => last));
    if (done(last)) return last;
    await page.waitForTimeout(500);
  }
  throw new Error(`the ${name} panel did not show the expected payload in ${timeoutMs} ms; last:\n${last}`);
}

/** More Actions → Send a Signal: picks the signal by name, types its JSON argument, submits. */
export async function sendSignal(page: Page, name: string, arg: unknown): Promise<void> {
  await page.getByRole('button', { name: 'More Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send a Signal' }).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: 'Send a Signal' }) });
  await dialog.getByTestId('signal-select-button').click();
  await dialog.getByRole('option', { name, exact: true }).click();
  await typeJson(page, dialog.getByRole('textbox', { name: 'Data' }), arg);
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Text as the UI shows it, in plain ASCII: no typographic slashes or quotes, no JSON escapes, one space. */
export function plainText(text: string): string {
  return text
    .replace(/\u2044/g, '/')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\\"/g, '"')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
