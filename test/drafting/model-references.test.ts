import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../drafting/create-drafter.js';
import type { DraftInput } from '../../drafting/drafter.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { flagChangeFixture } from '../support/git-repos.js';

const fixture = flagChangeFixture();
const cliPage = execFileSync('git', ['-C', fixture.docs, 'show', 'main:docs/cli.md'], { encoding: 'utf8' });
const input: DraftInput = {
  change: {
    sourceLabel: 'app',
    commits: [{ sha: fixture.head, message: 'feat(cli): add --timeout (ENG-123)' }],
    diff: execFileSync('git', ['-C', fixture.source, 'diff', fixture.base, fixture.head], { encoding: 'utf8' }),
    files: [{ path: 'src/cli.ts', status: 'modified', content: fixture.cliAfter }],
    references: [
      {
        id: 'ENG-123',
        kind: 'issue',
        title: 'Requests hang forever',
        url: 'https://linear.app/acme/issue/eng-123',
        text: 'State: Done (completed)\nLabels: cli\n\nSlow servers make the CLI wait forever.',
      },
    ],
    contextNotes: ["OPS-7: not read, team OPS is not among the Linear entry's teams (ENG)"],
  },
  docs: [{ path: 'docs/cli.md', text: cliPage }],
  feedback: [],
  docsDir: 'docs',
};
const portLine = '- `--port <number>`: Port to listen on. Default: `3000`.\n';
const answer = (citations: unknown[]) => ({
  summary: 'Documents the new --timeout flag.',
  confidence: 0.9,
  noChangesReason: '',
  edits: [
    {
      path: 'docs/cli.md',
      before: portLine,
      after: `${portLine}- \`--timeout <ms>\`: Request timeout in milliseconds. Default: \`5000\`.\n`,
      rationale: 'Slow servers made the CLI wait; the change adds --timeout.',
      citations,
    },
  ],
});

let openai: ScriptedServer;
beforeAll(async () => {
  openai = await startFakeOpenAI();
});
afterAll(() => openai?.close());

const drafter = () =>
  createDrafter({
    provider: 'openai',
    model: 'test-model',
    baseUrl: `${openai.url}/v1`,
    apiKey: 'sk-test',
    timeoutMs: 10_000,
    inputBudget: 16_000,
  });

describe('documents a change refers to, in the model drafter', () => {
  it('shows the issue with numbered lines and the notes in the prompt, and keeps a citation of its lines', async () => {
    const before = openai.calls.length;
    openai.script({
      answer: answer([
        { path: 'src/cli.ts', side: 'new', startLine: 5, endLine: 5 },
        { path: 'ENG-123', side: 'new', startLine: 4, endLine: 4 },
      ]),
    });
    const draft = await drafter().draft(input);
    const prompt = openai.calls[before]!.body.messages[1].content as string;
    expect(prompt).toContain(
      '=== issue ENG-123: Requests hang forever (https://linear.app/acme/issue/eng-123)\n1    | State: Done (completed)',
    );
    expect(prompt).toContain('4    | Slow servers make the CLI wait forever.');
    expect(prompt).toContain("- OPS-7: not read, team OPS is not among the Linear entry's teams (ENG)");
    expect(draft.edits[0]!.citations[1]).toEqual({
      path: 'ENG-123',
      side: 'new',
      startLine: 4,
      endLine: 4,
      excerpt: 'Slow servers make the CLI wait forever.',
      kind: 'reference',
      url: 'https://linear.app/acme/issue/eng-123',
    });
  });

  it('sends back a citation of lines the issue does not have', async () => {
    const before = openai.calls.length;
    openai.script(
      { answer: answer([{ path: 'ENG-123', side: 'new', startLine: 4, endLine: 9 }]) },
      { answer: answer([{ path: 'ENG-123', side: 'new', startLine: 1, endLine: 1 }]) },
    );
    const draft = await drafter().draft(input);
    expect(openai.calls[before + 1]!.body.messages[1].content).toContain(
      'citation ENG-123 4-9 is not a range of its 4 lines shown',
    );
    expect(draft.edits[0]!.citations).toEqual([
      expect.objectContaining({ path: 'ENG-123', excerpt: 'State: Done (completed)' }),
    ]);
  });
});
