import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../drafting/create-drafter.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { commitFiles, flagChangeFixture, sh } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

let llm: ScriptedServer;
let harness: Harness;
let api: TestApi;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  harness = await createHarness({
    drafter: createDrafter({
      provider: 'openai',
      model: 'test-model',
      baseUrl: `${llm.url}/v1`,
      apiKey: 'sk-test',
      timeoutMs: 10_000,
      inputBudget: 16_000,
    }),
  });
  await harness.startWorker();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await llm?.close();
});

const portLine = '- `--port <number>`: Port to listen on. Default: `3000`.\n';
const answer = (confidence: number) => ({
  summary: 'Documents --timeout.',
  confidence,
  noChangesReason: '',
  edits: [
    {
      path: 'docs/cli.md',
      before: portLine,
      after: `${portLine}- \`--timeout <ms>\`: Request timeout in milliseconds. Default: \`5000\`.\n`,
      rationale: 'New option.',
      citations: [{ path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 }],
    },
  ],
});

async function project(review: Record<string, unknown> = {}) {
  const fixture = flagChangeFixture();
  commitFiles(fixture.docs, { 'AGENTS.md': 'Write flags in backticks. Keep entries to one line.\n' }, 'style guide');
  const created = await api.call('POST', '/v1/projects', {
    name: 'model',
    context: [{ type: 'local-git', repo: fixture.source }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: { required: true, expireAfter: '1d', ...review },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const run = await api.call('POST', `/v1/projects/${created.body.id}/runs`, {
    source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
  });
  return { fixture, projectId: created.body.id as string, runId: run.body.id as string };
}

const runIn = (runId: string, status: string) =>
  eventually(async () => {
    const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
    if (run.status === 'failed' && status !== 'failed') throw new Error(`${run.reason}: ${run.message}`);
    return run.status === status ? run : undefined;
  }, `${runId} ${status}`);

describe('runs drafted by a model (real openai SDK, local fake server)', () => {
  it('drafts with the docs repo style guide, reports confidence and token usage, and remembers reviewer feedback', async () => {
    llm.script({ answer: answer(0.7) });
    const { runId, projectId } = await project();
    const awaiting = await runIn(runId, 'awaiting_review');
    expect(awaiting.suggestion).toMatchObject({ drafter: 'openai:test-model', confidence: 0.7, usage: { calls: 1 } });
    expect(awaiting.usage.inputTokens).toBeGreaterThan(0);
    expect(llm.calls.at(-1)!.body.messages[1].content).toContain('Write flags in backticks.');

    llm.script({ answer: answer(0.8) });
    await api.call('POST', `/v1/runs/${runId}/request-changes`, { feedback: 'Always state the unit.' });
    await eventually(
      async () => ((await api.call('GET', `/v1/runs/${runId}`)).body.suggestion?.revision === 2 ? true : undefined),
      'second draft',
    );
    await api.call('POST', `/v1/runs/${runId}/reject`, { reason: 'testing' });

    llm.script({ answer: answer(0.7) });
    const later = await api.call('POST', `/v1/projects/${projectId}/runs`, {
      source: (await api.call('GET', `/v1/runs/${runId}`)).body.source,
    });
    await runIn(later.body.id, 'awaiting_review');
    expect(llm.calls.at(-1)!.body.messages[1].content).toContain('Reviewers of this project asked before');
    expect(llm.calls.at(-1)!.body.messages[1].content).toContain('Always state the unit.');
    await api.call('POST', `/v1/runs/${later.body.id}/reject`, { reason: 'testing' });
  });

  it("publishes without review when confidence reaches the project's threshold", async () => {
    llm.script({ answer: answer(0.95) });
    const { runId, fixture } = await project({ autoPublishAbove: 0.9 });
    const published = await runIn(runId, 'published');
    expect(published.timeline.map((t: { status: string }) => t.status)).not.toContain('awaiting_review');
    expect(published.timeline.find((t: { status: string }) => t.status === 'publishing').detail).toMatch(
      /confidence 0.95 reached the project's threshold 0.9/,
    );
    expect(sh(fixture.docs, 'show', `docflow/${runId}:docs/cli.md`)).toContain('--timeout <ms>');
  });

  it('fails the run with draft_invalid when the model keeps answering with edits that do not apply', async () => {
    const bad = { ...answer(0.9), edits: [{ ...answer(0.9).edits[0]!, before: 'not on the page' }] };
    llm.script({ answer: bad }, { answer: bad }, { answer: bad });
    const { runId } = await project();
    const failed = await runIn(runId, 'failed');
    expect(failed).toMatchObject({ reason: 'draft_invalid' });
    expect(failed.message).toMatch(/exactly once/);
    expect(llm.violations).toEqual([]);
  });
});
