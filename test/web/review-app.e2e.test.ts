import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { findSuggestion } from '../../db/repositories/suggestions.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { launchChromium, screenshotDir, seriousViolations } from './browser.js';

let harness: Harness;
let api: TestApi;
let browser: Browser;
let shots: string;
let reviewerKey: string;

beforeAll(async () => {
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  reviewerKey = (await createApiKey(harness.db, { name: 'rita', role: 'reviewer' })).key;
  browser = await launchChromium();
  shots = screenshotDir();
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await harness?.close();
});

type Fixture = ReturnType<typeof flagChangeFixture>;

async function createProject(fixture: Fixture, name = 'app') {
  const res = await api.call('POST', '/v1/projects', {
    name,
    triggers: [{ type: 'manual' }],
    context: [{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function startRun(projectId: string, fixture: Fixture, note: string) {
  const res = await api.call('POST', `/v1/projects/${projectId}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
    note,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.id as string;
}

const runInStatus = (id: string, status: string) =>
  eventually(async () => {
    const res = await api.call('GET', `/v1/runs/${id}`);
    if (res.body.status === 'failed' && status !== 'failed')
      throw new Error(`run failed: ${res.body.reason}: ${res.body.message}`);
    return res.body.status === status ? res.body : undefined;
  }, `run ${id} to be ${status}`);

/** Every page is checked the same way: no serious accessibility violations, and a screenshot. */
async function check(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

async function signIn(key: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${api.url}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  return { context, page };
}

describe('the review app in a browser', () => {
  let fixture: Fixture;
  let projectId: string;
  let admin: { context: BrowserContext; page: Page };

  it('signs in with an API key into a session cookie (HttpOnly, SameSite=Strict)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await check(page, '01-sign-in');

    await page.getByLabel('API key').fill('dfk_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('unknown, revoked or expired');

    // By keyboard: the key field has focus on the page (autofocus); typing and Enter sign in.
    await expect(
      page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).resolves.toBe('api-key');
    await page.keyboard.type(api.key);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'docflow_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });
    expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);
    admin = { context, page };
  });

  it('lists a new run in the queue as it arrives, and opens it with a readable diff', async () => {
    const { page } = admin;
    fixture = flagChangeFixture();
    projectId = await createProject(fixture);
    await page.goto(`${api.url}/`);
    const runId = await startRun(projectId, fixture, 'flag added');
    await runInStatus(runId, 'awaiting_review');
    // No reload: the queue refreshes itself.
    const link = page.getByRole('link', { name: runId });
    await link.waitFor({ timeout: 15_000 });
    const row = page.getByRole('row').filter({ has: link });
    await expect(row.textContent()).resolves.toMatch(/app.*flag added.*0\.60\s*1\s*awaiting review/s);
    await check(page, '02-queue');

    await link.click();
    await page.getByRole('heading', { name: `Run ${runId}` }).waitFor();
    const added = page.locator('table.diff tr.added');
    await expect(added.first().textContent()).resolves.toContain('--timeout <ms>');
    await expect(page.locator('.preview code', { hasText: '--timeout <ms>' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.citations').textContent()).resolves.toContain('src/cli.ts');
    await expect(page.getByRole('link', { name: 'Open in the Temporal Web UI' }).getAttribute('href')).resolves.toBe(
      `http://temporal-ui.test/namespaces/default/workflows/${runId}`,
    );
    await check(page, '03-run');

    // Edit a line in place and approve: the edited text is what gets published.
    await page.getByText('Edit proposed text').click();
    const editor = page.getByLabel('Proposed text for docs/cli.md (edit 1)');
    const proposed = await editor.inputValue();
    expect(proposed).toContain('--timeout <ms>');
    const edited = proposed.replace(
      /- `--timeout <ms>`:[^\n]*/,
      '- `--timeout <ms>`: How long to wait for a response, in milliseconds. Default: `5000`.',
    );
    expect(edited).not.toBe(proposed);
    await editor.fill(edited);
    await check(page, '04-run-editing');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved with your edits' }).waitFor();

    const published = await runInStatus(runId, 'published');
    const pageText = sh(fixture.docs, 'show', `docflow/${runId}:docs/cli.md`);
    expect(pageText).toContain(
      '- `--timeout <ms>`: How long to wait for a response, in milliseconds. Default: `5000`.',
    );
    expect(pageText).not.toContain('Request timeout in milliseconds');
    expect(published.suggestion).toMatchObject({ revision: 2, drafter: 'reviewer:test admin' });
    const revision = await findSuggestion(harness.db, published.suggestion.id);
    expect(revision?.edits[0]?.after).toBe(edited);
    const audit = await api.call('GET', '/v1/audit?action=run.approve_edited');
    expect(audit.body.entries.map((e: { target: string; outcome: string }) => [e.target, e.outcome])).toEqual([
      [runId, 'success'],
    ]);
  });

  it("refuses an edited text that changes nothing, keeping the reviewer's text; rejects with a reason", async () => {
    const { page } = admin;
    const runId = await startRun(projectId, fixture, 'bad edit');
    await runInStatus(runId, 'awaiting_review');
    await page.goto(`${api.url}/runs/${runId}`);
    await page.getByText('Edit proposed text').click();
    const editor = page.getByLabel('Proposed text for docs/cli.md (edit 1)');
    const original = (await api.call('GET', `/v1/runs/${runId}`)).body.suggestion.edits[0];
    await editor.fill(original.before);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Edit 1: the text is the same as before');
    await expect(page.getByLabel('Proposed text for docs/cli.md (edit 1)').inputValue()).resolves.toBe(original.before);
    expect((await api.call('GET', `/v1/runs/${runId}`)).body.status).toBe('awaiting_review');

    await page.getByLabel('Reason for rejecting').fill('the flag is internal');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected.' }).waitFor();
    const rejected = await runInStatus(runId, 'rejected');
    expect(rejected).toMatchObject({ reason: 'rejected_by_reviewer', message: 'the flag is internal' });
    // The page may have rendered before the run's row recorded the reason: look again once the API has it.
    await page.reload();
    await expect(page.locator('.facts').textContent()).resolves.toContain('the flag is internal');
    await check(page, '05-run-rejected');
  });

  let changesRunId: string;
  let browserRunId: string;
  it('requests changes and shows the new draft when it arrives', async () => {
    const { page } = admin;
    changesRunId = await startRun(projectId, fixture, 'needs a unit');
    await runInStatus(changesRunId, 'awaiting_review');
    await page.goto(`${api.url}/runs/${changesRunId}`);
    await expect(page.locator('.facts').textContent()).resolves.toContain('revision 1 by offline');
    await page.getByLabel('Feedback for a new draft').fill('mention the unit');
    await page.getByRole('button', { name: 'Request changes' }).click();
    // The page watches the run and reloads with the new draft.
    await page.locator('.facts', { hasText: 'revision 2 by offline' }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Feedback given' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('mention the unit');
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await check(page, '06-run-redrafted');
  });

  it('refuses a change without the CSRF token', async () => {
    const { context, page } = admin;
    const refused = await context.request.post(`${api.url}/runs/${changesRunId}/reject`, {
      form: { reason: 'forged' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('CSRF');
    const wrong = await context.request.post(`${api.url}/runs/${changesRunId}/reject`, {
      form: { reason: 'forged', _csrf: 'x'.repeat(43) },
      maxRedirects: 0,
    });
    expect(wrong.status()).toBe(403);
    expect((await api.call('GET', `/v1/runs/${changesRunId}`)).body.status).toBe('awaiting_review');
    // With the page's token the same request goes through.
    const token = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const allowed = await context.request.post(`${api.url}/runs/${changesRunId}/reject`, {
      form: { reason: 'done testing', _csrf: token! },
      maxRedirects: 0,
    });
    expect(allowed.status()).toBe(303);
    await runInStatus(changesRunId, 'rejected');
  });

  it('shows projects, validates a new project next to its fields, and starts a manual run', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await check(page, '07-projects');
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('docs site');
    await page
      .getByLabel('Destinations')
      .fill('[{"type": "local-git", "repo": "relative/path", "baseBranch": "main"}]');
    await page.getByRole('button', { name: 'Create project' }).click();
    const fieldError = page.locator('#destinations-error');
    await expect(fieldError.textContent()).resolves.toMatch(/repo/);
    await expect(page.getByLabel('Destinations').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, '08-project-form-errors');

    await page
      .getByLabel('Context')
      .fill(JSON.stringify([{ type: 'local-git', repo: fixture.source, paths: ['src/**'] }]));
    await page
      .getByLabel('Destinations')
      .fill(JSON.stringify([{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }]));
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'docs site' }).waitFor();
    await check(page, '09-project');

    await page
      .getByLabel('Source (JSON)')
      .fill(JSON.stringify({ type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head }));
    await page.getByLabel('Note (optional)').fill('from the browser');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('status').filter({ hasText: 'Run started.' }).waitFor();
    // The page follows the run until it awaits review.
    await page.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20_000 });
    browserRunId = new URL(page.url()).pathname.split('/').pop()!;
  });

  it('shows integrations and the audit log to admins, with an NDJSON export', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await check(page, '10-integrations');
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('Action').fill('run.reject');
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.locator('table.audit tbody tr');
    // Two rejections; the forged requests without a CSRF token never reached the API, so they did nothing to audit.
    await expect(rows.count()).resolves.toBe(2);
    await check(page, '11-audit');
    const href = await page.getByRole('link', { name: 'Export NDJSON' }).getAttribute('href');
    const exported = await admin.context.request.get(`${api.url}${href}`);
    expect(exported.headers()['content-type']).toContain('application/x-ndjson');
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.every((e) => e.action === 'run.reject')).toBe(true);
    expect(lines.length).toBe(2);
  });

  it('lets a reviewer-role session review but not edit projects', async () => {
    const reviewer = await signIn(reviewerKey);
    const { page, context } = reviewer;
    await expect(page.getByRole('navigation', { name: 'Main' }).textContent()).resolves.not.toContain('Audit');
    await page.goto(`${api.url}/projects/${projectId}`);
    await expect(page.getByRole('link', { name: 'Edit project' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Start run' }).count()).resolves.toBe(0);
    const edit = await page.goto(`${api.url}/projects/${projectId}/edit`);
    expect(edit?.status()).toBe(403);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('needs the editor role');
    await check(page, '12-reviewer-forbidden');
    const token = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const update = await context.request.post(`${api.url}/projects/${projectId}`, {
      form: { _csrf: token!, name: 'renamed', context: '[]', destinations: '[]' },
      maxRedirects: 0,
    });
    expect(update.status()).toBe(403);
    expect((await api.call('GET', `/v1/projects/${projectId}`)).body.name).toBe('app');
    expect((await page.goto(`${api.url}/audit`))?.status()).toBe(403);

    // A reviewer may decide runs of projects that do not name their reviewers, and not of those naming others.
    await page.goto(`${api.url}/runs/${browserRunId}`);
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    const named = await createProject(fixture, 'named reviewers');
    expect(
      (
        await api.call('PUT', `/v1/projects/${named}`, {
          ...(await api.call('GET', `/v1/projects/${named}`)).body,
          id: undefined,
          createdAt: undefined,
          updatedAt: undefined,
          reviewers: { users: ['ana'] },
        })
      ).status,
    ).toBe(200);
    const guarded = await startRun(named, fixture, 'for ana');
    await runInStatus(guarded, 'awaiting_review');
    await page.goto(`${api.url}/runs/${guarded}`);
    await expect(page.locator('.facts').textContent()).resolves.toContain('ana');
    await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('signs out: the session ends and its cookie no longer works', async () => {
    const { context, page } = admin;
    const cookie = (await context.cookies()).find((c) => c.name === 'docflow_session')!;
    await page.goto(`${api.url}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to docflow' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'docflow_session')).toBeUndefined();
    const replayed = await fetch(`${api.url}/`, {
      headers: { cookie: `docflow_session=${cookie.value}` },
      redirect: 'manual',
    });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toMatch(/^\/login/);
    await context.close();
  });
});
