import { describe, expect, it } from 'vitest';
import type { Edit } from '../../core/change.js';
import { AppError } from '../../core/errors.js';
import { anchorsOf, slugOf } from '../../drafting/docs-site/anchors.js';
import { checkEdits } from '../../drafting/docs-site/check-edits.js';
import { docsTree } from '../../drafting/docs-site/docs-tree.js';
import { keepSoundEdits } from '../../drafting/docs-site/keep-sound-edits.js';
import type { DraftInput } from '../../drafting/drafter.js';
import { createModelDrafter } from '../../drafting/model/model-drafter.js';
import { createOfflineDrafter } from '../../drafting/offline/offline-drafter.js';
import type { ModelRequest } from '../../drafting/model/model-client.js';

const usage = `---
title: Usage
sidebar_position: 2
---

# Usage

## Run it

Run \`acme serve\`.

## Run it

Twice.
`;
const pages = [
  { path: 'docs/usage.md', text: usage },
  { path: 'docs/install.md', text: '# Install\n\nSee [running](usage.md#run-it).\n' },
  { path: 'docs/guides/index.md', text: '# Guides\n' },
];
const tree = docsTree(pages, [], 'docs');
const edit = (path: string, before: string, after: string): Edit => ({
  path,
  before,
  after,
  rationale: 'r',
  citations: [],
});

describe('anchors', () => {
  it('slugs headings as GitHub does, numbering repeats, and reads {#id} and HTML ids', () => {
    expect(slugOf('The `--port` flag: (v2)!')).toBe('the---port-flag-v2');
    expect(slugOf('Ünïcode & Co')).toBe('ünïcode--co');
    expect([...anchorsOf(usage)]).toEqual(['usage', 'run-it', 'run-it-1', 'run-it_1']);
    expect([...anchorsOf('## The `--port` flag\n')]).toEqual(['the---port-flag', 'the-port-flag']);
    expect([...anchorsOf('## Setup {#custom}\n<a id="old-name"></a>\n```\n# not a heading\n```\n')]).toEqual([
      'custom',
      'old-name',
    ]);
  });
});

describe('checkEdits', () => {
  it('accepts links to existing pages, folders and anchors, in any form the sites use', () => {
    const added = edit(
      'docs/install.md',
      'See [running]',
      'See [usage](./usage.md), [again](usage#run-it-1), [guides](guides/), [top](#install), [site](https://x.test/a.md), [pic](img/a.png), `[code](nope.md)` and [running]',
    );
    expect(checkEdits(tree, [added])).toEqual([]);
  });

  it('refuses an added link to a missing page or anchor, naming the edit', () => {
    const problems = checkEdits(tree, [
      edit('docs/install.md', 'See [running]', 'See [setup](setup.md) and [running]'),
      edit('docs/usage.md', 'Twice.', 'Twice; see [install](install.md#prerequisites) and [here](#nowhere).'),
    ]);
    expect(problems).toEqual([
      { index: 0, message: expect.stringMatching(/adds the link "setup.md" but no page docs\/setup.md exists/) },
      {
        index: 1,
        message: expect.stringMatching(
          /adds the link "install.md#prerequisites" but docs\/install.md has no heading with the anchor #prerequisites/,
        ),
      },
      { index: 1, message: expect.stringMatching(/adds the link "#nowhere" but the page has no heading/) },
    ]);
  });

  it('refuses an edit removing a heading another page links to, but not links broken before', () => {
    const linked = docsTree(
      [
        ...pages,
        { path: 'docs/faq.md', text: 'See [the second run](usage.md#run-it-1).\n' },
        { path: 'docs/old.md', text: '[gone](gone.md)\n' },
      ],
      [],
      'docs',
    );
    const problems = checkEdits(linked, [edit('docs/usage.md', '## Run it\n\nTwice', '## Again\n\nTwice')]);
    expect(problems).toEqual([
      {
        index: 0,
        message: expect.stringMatching(/docs\/faq.md links to "usage.md#run-it-1", which this edit breaks/),
      },
    ]);
    expect(checkEdits(linked, [edit('docs/usage.md', 'Twice.', 'Two times.')])).toEqual([]);
  });

  it('refuses an edit that removes, breaks or empties the frontmatter', () => {
    const cases = [
      edit('docs/usage.md', '---\ntitle: Usage\n', 'title: Usage\n'),
      edit('docs/usage.md', 'title: Usage\n', 'title: [Usage\n'),
      edit('docs/usage.md', 'sidebar_position: 2\n', ''),
    ];
    expect(cases.map((c) => checkEdits(tree, [c])[0]?.message)).toEqual([
      expect.stringMatching(/removes or breaks the page's frontmatter/),
      expect.stringMatching(/frontmatter invalid YAML/),
      'removes frontmatter key(s) sidebar_position; keep them',
    ]);
    expect(checkEdits(tree, [edit('docs/usage.md', 'title: Usage', 'title: Using Acme')])).toEqual([]);
  });
});

describe('keepSoundEdits (the offline drafter)', () => {
  it('drops only the edits that break the site, each with a note', () => {
    const good = edit('docs/usage.md', 'Twice.', 'Two times.');
    const bad = edit('docs/install.md', 'See [running]', 'See [setup](setup.md) and [running]');
    const { edits, notes } = keepSoundEdits(tree, [good, bad]);
    expect(edits).toEqual([good]);
    expect(notes).toEqual([
      expect.stringMatching(
        /^An edit of docs\/install.md was left out: it would break the docs site \(adds the link "setup.md"/,
      ),
    ]);
  });
});

describe('the model drafter', () => {
  const input: DraftInput = {
    change: {
      sourceLabel: 'app',
      commits: [{ sha: 'abc', message: 'feat: deploy command' }],
      diff: 'diff --git a/src/deploy.ts b/src/deploy.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/deploy.ts\n@@ -0,0 +1 @@\n+export const deploy = () => {};\n',
      files: [{ path: 'src/deploy.ts', status: 'added', content: 'export const deploy = () => {};\n' }],
    },
    docs: [...pages, { path: 'docs/guides/install.md', text: '# Install\n' }],
    siteFiles: [
      {
        path: 'mkdocs.yml',
        text: 'site_name: Acme\nnav:\n  - Usage: usage.md\n  - Guides:\n      - Install: guides/install.md\n',
      },
    ],
    feedback: [],
    docsDir: 'docs',
  };
  const answer = (after: string) =>
    JSON.stringify({
      summary: 'Adds a deploy guide.',
      confidence: 0.8,
      noChangesReason: '',
      edits: [
        {
          path: 'docs/guides/deploy.md',
          before: '',
          after,
          rationale: 'New guide.',
          citations: [{ path: 'src/deploy.ts', side: 'new', startLine: 1, endLine: 1 }],
        },
      ],
    });

  function drafter(answers: string[]) {
    const requests: ModelRequest[] = [];
    return {
      requests,
      drafter: createModelDrafter({
        client: {
          name: 'test:model',
          async complete(request) {
            requests.push(request);
            return { text: answers.shift()!, inputTokens: 1, outputTokens: 1 };
          },
        },
        rank: async () => [],
        budgetTokens: 8000,
      }),
    };
  }

  it('sends a broken link back as a problem, then adds the nav entry of the new page it accepts', async () => {
    const { drafter: model, requests } = drafter([
      answer('# Deploy\n\nInstall first ([install](../install.md#setup)).\n'),
      answer('# Deploy\n\nInstall first ([install](install.md)).\n'),
    ]);
    const draft = await model.draft(input);
    expect(requests[1]!.user).toMatch(
      /edit 1 \(docs\/guides\/deploy.md\): adds the link "..\/install.md#setup" but docs\/install.md has no heading with the anchor #setup/,
    );
    expect(draft.edits.map((e) => e.path)).toEqual(['docs/guides/deploy.md', 'mkdocs.yml']);
    expect(draft.edits[1]).toMatchObject({
      before: '      - Install: guides/install.md\n',
      after: '      - Install: guides/install.md\n      - Deploy: guides/deploy.md\n',
    });
  });

  it('fails with draft_invalid when the model keeps breaking links', async () => {
    const bad = answer('# Deploy\n\nSee [nothing](nothing.md).\n');
    const { drafter: model } = drafter([bad, bad, bad]);
    const failed = await model.draft(input).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).message).toMatch(
      /adds the link "nothing.md" but no page docs\/guides\/nothing.md exists/,
    );
  });
});

describe('the offline drafter', () => {
  it('leaves out the removal of a heading another page links to, and says why', async () => {
    const diff = `diff --git a/src/cli/options.ts b/src/cli/options.ts
index 1111111..2222222 100644
--- a/src/cli/options.ts
+++ b/src/cli/options.ts
@@ -3,5 +3,4 @@ export function buildProgram(program: Command) {
   program
     .option('-p, --port <n>', 'Port to listen on', 8080)
     .option('--host <name>', 'Host to bind')
-    .option('--verbose', 'Log more')
     .action(run);
`;
    const cli =
      '# CLI\n\n### `--port <n>`\n\nPort to listen on.\n\n### `--host <name>`\n\nHost.\n\n### `--verbose`\n\nLog more.\n';
    const docs = [
      { path: 'docs/cli.md', text: cli },
      { path: 'docs/faq.md', text: '# FAQ\n\nToo quiet? Use [verbose logs](cli.md#--verbose).\n' },
    ];
    const change = { sourceLabel: 't', commits: [{ sha: 'a', message: 'drop --verbose' }], diff, files: [] };
    const offline = createOfflineDrafter();
    const linked = await offline.draft({ change, docs, feedback: [], docsDir: 'docs' });
    expect(linked.edits).toEqual([]);
    expect(linked.noChangesReason).toMatch(
      /^every edit found would break the docs site, so none is proposed: An edit of docs\/cli.md was left out: it would break the docs site \(docs\/faq.md links to "cli.md#--verbose"/,
    );
    expect(linked.summary).toContain('An edit of docs/cli.md was left out');

    const unlinked = await offline.draft({ change, docs: [docs[0]!], feedback: [], docsDir: 'docs' });
    expect(unlinked.edits.map((e) => e.path)).toEqual(['docs/cli.md']);
  });
});
