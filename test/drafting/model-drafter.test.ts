import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { createDrafter } from '../../drafting/create-drafter.js';
import { estimateTokens, packContext } from '../../drafting/model/pack-context.js';
import type { DraftInput } from '../../drafting/drafter.js';
import { startFakeAnthropic } from '../support/fake-llm/anthropic.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { supportChange } from '../../integrations/kit/support/support-change.js';

const fixture = flagChangeFixture();
const cliPage = execFileSync('git', ['-C', fixture.docs, 'show', 'main:docs/cli.md'], { encoding: 'utf8' });
const input: DraftInput = {
  change: {
    sourceLabel: 'app',
    commits: [{ sha: fixture.head, message: 'feat(cli): add --timeout' }],
    diff: execFileSync('git', ['-C', fixture.source, 'diff', fixture.base, fixture.head], { encoding: 'utf8' }),
    files: [{ path: 'src/cli.ts', status: 'modified', content: fixture.cliAfter }],
  },
  docs: [
    { path: 'docs/cli.md', text: cliPage },
    { path: 'docs/intro.md', text: '# Introduction\n\nThis app serves things.\n' },
  ],
  feedback: [],
  docsDir: 'docs',
};
const portLine = '- `--port <number>`: Port to listen on. Default: `3000`.\n';
const goodAnswer = {
  summary: 'Documents the new --timeout flag.',
  confidence: 0.92,
  noChangesReason: '',
  edits: [
    {
      path: 'docs/cli.md',
      before: portLine,
      after: `${portLine}- \`--timeout <ms>\`: Request timeout in milliseconds. Default: \`5000\`.\n`,
      rationale: 'The change adds a --timeout option next to --port.',
      citations: [{ path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 }],
    },
  ],
};
const invented = { ...goodAnswer, edits: [{ ...goodAnswer.edits[0]!, before: 'text that is not on the page' }] };

let openai: ScriptedServer;
let anthropic: ScriptedServer;
beforeAll(async () => {
  openai = await startFakeOpenAI();
  anthropic = await startFakeAnthropic();
});
afterAll(async () => {
  await openai?.close();
  await anthropic?.close();
});

const openaiDrafter = (timeoutMs = 10_000) =>
  createDrafter({
    provider: 'openai',
    model: 'test-model',
    baseUrl: `${openai.url}/v1`,
    apiKey: 'sk-test',
    timeoutMs,
    inputBudget: 16_000,
  });
const anthropicDrafter = () =>
  createDrafter({
    provider: 'anthropic',
    model: 'claude-test',
    baseUrl: anthropic.url,
    apiKey: 'sk-ant-test',
    timeoutMs: 10_000,
    inputBudget: 16_000,
  });

describe('model drafting through the real SDKs against local fakes', () => {
  it('openai: turns valid structured output into cited edits, with excerpts taken from the diff', async () => {
    const before = openai.calls.length;
    openai.script({ answer: goodAnswer });
    const draft = await openaiDrafter().draft(input);
    expect(draft.drafter).toBe('openai:test-model');
    expect(draft.edits).toEqual([
      {
        ...goodAnswer.edits[0],
        citations: [
          {
            path: 'src/cli.ts',
            side: 'new',
            startLine: 5,
            endLine: 5,
            excerpt: "  .option('--timeout <ms>', 'Request timeout in milliseconds', '5000')",
          },
        ],
      },
    ]);
    expect(draft.confidence).toBe(0.92);
    expect(draft.usage).toMatchObject({ calls: 1 });
    expect(draft.usage!.inputTokens).toBeGreaterThan(0);
    const request = openai.calls[before]!.body;
    expect(request.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'submit_draft', strict: true },
    });
    expect(request.messages[1].content).toContain('=== page: docs/cli.md');
    expect(request.messages[1].content).toMatch(/new 5\s+\+ {3}\.option\('--timeout/);
    expect(openai.violations).toEqual([]);
  });

  it("openai: drafts prose from support tickets, citing the agent's lines, each citation linked to its ticket", async () => {
    const tickets = supportChange(
      'Zendesk ticket #21',
      'ticket',
      [
        {
          id: '21',
          subject: 'Port?',
          url: 'https://acme.zendesk.test/agent/tickets/21',
          updatedAt: '2026-11-30T10:00:00Z',
          messages: [
            { role: 'asker', text: 'Which port does it listen on behind a proxy?' },
            { role: 'answerer', text: 'Behind a proxy, set --host 0.0.0.0 so it listens on every interface.' },
          ],
        },
      ],
      (id) => `zendesk/tickets/${id}`,
    );
    const agentLine = tickets.conversations![0]!.messages[1]!.startLine;
    const hostLine = '- `--host <name>`: Interface to bind. Default: `localhost`.\n';
    openai.script({
      answer: {
        ...goodAnswer,
        edits: [
          {
            path: 'docs/cli.md',
            before: hostLine,
            after: hostLine.replace('.\n', '. Behind a proxy, use `0.0.0.0`.\n'),
            rationale: 'Support had to explain binding behind a proxy.',
            citations: [{ path: 'zendesk/tickets/21', side: 'new', startLine: agentLine, endLine: agentLine }],
          },
        ],
      },
    });
    const draft = await openaiDrafter().draft({ ...input, change: tickets });
    expect(draft.edits[0]!.citations).toEqual([
      {
        path: 'zendesk/tickets/21',
        side: 'new',
        startLine: agentLine,
        endLine: agentLine,
        excerpt: 'Agent: Behind a proxy, set --host 0.0.0.0 so it listens on every interface.',
        url: 'https://acme.zendesk.test/agent/tickets/21',
      },
    ]);
  });

  it('openai: sends malformed output back with the problem and accepts the corrected answer', async () => {
    const before = openai.calls.length;
    openai.script({ answer: 'Sure! Here is your JSON: {oops' }, { answer: goodAnswer });
    const draft = await openaiDrafter().draft(input);
    expect(draft.usage).toMatchObject({ calls: 2 });
    expect(openai.calls[before + 1]!.body.messages[1].content).toContain('not valid JSON');
  });

  it('fails with draft_invalid rather than keep an edit that does not apply or a citation to nothing', async () => {
    openai.script(
      { answer: invented },
      { answer: invented },
      {
        answer: {
          ...goodAnswer,
          edits: [
            { ...goodAnswer.edits[0]!, citations: [{ path: 'src/cli.ts', side: 'new', startLine: 90, endLine: 91 }] },
          ],
        },
      },
    );
    const error = await openaiDrafter()
      .draft(input)
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('draft_invalid');
    expect(error.message).toMatch(/not a range of diff lines in the context/);
  });

  it('openai: waits out a 429 with retry-after, then succeeds', async () => {
    const before = openai.calls.length;
    openai.script(
      {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { message: 'Rate limit reached', type: 'requests' } },
      },
      { answer: goodAnswer },
    );
    const started = Date.now();
    const draft = await openaiDrafter().draft(input);
    expect(draft.edits).toHaveLength(1);
    expect(openai.calls.length - before).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('openai: gives up on a server that does not answer within the timeout', async () => {
    openai.script(...Array.from({ length: 3 }, () => ({ delayMs: 3000, then: { answer: goodAnswer } })));
    const started = Date.now();
    const error = await openaiDrafter(500)
      .draft(input)
      .catch((e) => e);
    expect(error.constructor.name).toBe('APIConnectionTimeoutError');
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('anthropic: reads the forced tool call, and retries when the model answers in prose', async () => {
    const before = anthropic.calls.length;
    anthropic.script({ answer: 'I think the docs should mention --timeout.' }, { answer: goodAnswer });
    const draft = await anthropicDrafter().draft(input);
    expect(draft.drafter).toBe('anthropic:claude-test');
    expect(draft.edits[0]!.citations[0]!.excerpt).toContain('--timeout');
    expect(draft.usage).toMatchObject({ calls: 2 });
    expect(anthropic.calls[before]!.body).toMatchObject({
      tool_choice: { type: 'tool', name: 'submit_draft' },
      tools: [{ name: 'submit_draft' }],
    });
    expect(anthropic.violations).toEqual([]);
  });
});

describe('context packing', () => {
  it('fits a 2,000-line diff into the budget and says what it left out', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `+export const option${i} = process.env.OPTION_${i} ?? ${i};`);
    const diff = Array.from(
      { length: 20 },
      (_, f) =>
        `diff --git a/src/f${f}.ts b/src/f${f}.ts\n--- a/src/f${f}.ts\n+++ b/src/f${f}.ts\n@@ -0,0 +1,100 @@\n${lines.slice(f * 100, f * 100 + 100).join('\n')}\n`,
    ).join('');
    const big = { ...input, change: { ...input.change, diff } };
    const packed = packContext(big, [{ path: 'docs/cli.md', score: 1, reasons: [] }], 16_000);
    expect(estimateTokens(packed.text)).toBeLessThanOrEqual(16_000);
    expect(packed.hunks.length).toBeGreaterThan(0);
    expect(packed.hunks.length).toBeLessThan(20);
    expect(packed.omitted.join(' ')).toMatch(/diff hunk\(s\) in src\/f/);
    expect(packed.text).toContain('Left out to fit the token budget');
    expect(packed.pages.map((p) => p.path)[0]).toBe('docs/cli.md');
  });

  it('puts the style guide and remembered feedback into the prompt', () => {
    const packed = packContext(
      {
        ...input,
        styleGuide: 'Use sentence case.',
        projectFeedback: ['Always give defaults.'],
        feedback: ['Mention the unit.'],
      },
      [],
      16_000,
    );
    expect(packed.text).toContain('Use sentence case.');
    expect(packed.text).toContain('Always give defaults.');
    expect(packed.text).toContain('Mention the unit.');
  });
});
