import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../drafting/apply-edits.js';
import { createOfflineDrafter } from '../../drafting/offline/offline-drafter.js';
import type { DocPage } from '../../core/change.js';
import type { DraftInput, DraftResult } from '../../drafting/drafter.js';

function input(diff: string, docs: DocPage[], message = 'change', feedback: string[] = []): DraftInput {
  return { change: { sourceLabel: 'test', commits: [{ sha: 'abc', message }], diff, files: [] }, docs, feedback };
}

async function draft(diff: string, docs: DocPage[], message?: string, feedback?: string[]): Promise<DraftResult> {
  return createOfflineDrafter().draft(input(diff, docs, message, feedback));
}

const applied = (docs: DocPage[], result: DraftResult): Record<string, string> =>
  applyEdits(Object.fromEntries(docs.map((d) => [d.path, d.text])), result.edits);

const CLI_DIFF = `diff --git a/src/cli/options.ts b/src/cli/options.ts
index 1111111..2222222 100644
--- a/src/cli/options.ts
+++ b/src/cli/options.ts
@@ -3,6 +3,7 @@ export function buildProgram(program: Command) {
   program
     .option('-p, --port <n>', 'Port to listen on', 8080)
+    .option('-t, --timeout <ms>', 'Request timeout in milliseconds', 30000)
     .option('--host <name>', 'Host to bind')
-    .option('--verbose', 'Log more')
     .action(run);
 }
`;

const CLI_DOCS: DocPage[] = [
  {
    path: 'docs/cli.md',
    text: `# CLI

## Options

- \`-p, --port <n>\`: Port to listen on (default 8080)
- \`--host <name>\`: Host to bind
- \`--verbose\`: Log more

The \`--verbose\` flag is handy when debugging.
`,
  },
  { path: 'docs/intro.md', text: '# Intro\n\nInstall and run.\n' },
];

describe('offline drafter: CLI flags in a list', () => {
  it('adds the new flag after its neighbour with the help string, and deletes the removed one', async () => {
    const result = await draft(CLI_DIFF, CLI_DOCS, 'feat(cli): add --timeout, drop --verbose');
    expect(result.drafter).toBe('offline');
    expect(result.noChangesReason).toBeUndefined();
    expect(applied(CLI_DOCS, result)['docs/cli.md']).toBe(`# CLI

## Options

- \`-p, --port <n>\`: Port to listen on (default 8080)
- \`-t, --timeout <ms>\`: Request timeout in milliseconds
- \`--host <name>\`: Host to bind

The \`--verbose\` flag is handy when debugging.
`);
    expect(result.edits.map((e) => e.path)).toEqual(['docs/cli.md', 'docs/cli.md']);
    for (const edit of result.edits) expect(CLI_DOCS[0].text.split(edit.before)).toHaveLength(2);
  });

  it('cites the diff lines verbatim', async () => {
    const result = await draft(CLI_DIFF, CLI_DOCS);
    const [add, remove] = result.edits;
    expect(add.citations).toEqual([
      {
        path: 'src/cli/options.ts',
        side: 'new',
        startLine: 5,
        endLine: 5,
        excerpt: "    .option('-t, --timeout <ms>', 'Request timeout in milliseconds', 30000)",
      },
    ]);
    expect(remove.citations).toEqual([
      {
        path: 'src/cli/options.ts',
        side: 'old',
        startLine: 6,
        endLine: 6,
        excerpt: "    .option('--verbose', 'Log more')",
      },
    ]);
    expect(add.rationale).toMatch(
      /`--timeout` is a new flag .* after the one for neighbouring `--port`.*description from the code/,
    );
  });

  it('ranks the page and reports prose mentions and feedback in the summary', async () => {
    const result = await draft(CLI_DIFF, CLI_DOCS, 'add timeout', ['Say what happens on timeout.']);
    expect(result.impacted.map((p) => p.path)).toEqual(['docs/cli.md']);
    expect(result.impacted[0].reasons).toEqual(
      expect.arrayContaining([
        'documents neighbouring flag `--port`, `--host` of added `--timeout`',
        'mentions removed flag `--verbose`',
      ]),
    );
    expect(result.impacted[0].reasons.some((r) => r.includes('`cli`'))).toBe(true);
    expect(result.summary).toContain('still mentions removed flag `--verbose` outside an entry of its own (line 9)');
    expect(result.summary).toContain(
      'Reviewer feedback recorded; the offline drafter does not rewrite prose from feedback: “Say what happens on timeout.”',
    );
  });

  it('is deterministic', async () => {
    expect(await draft(CLI_DIFF, CLI_DOCS)).toEqual(await draft(CLI_DIFF, [...CLI_DOCS].reverse()));
  });

  it('renames a flag inside its entry only', async () => {
    const diff = CLI_DIFF.replace("+    .option('-t, --timeout <ms>', 'Request timeout in milliseconds', 30000)\n", '')
      .replace(
        "-    .option('--verbose', 'Log more')\n",
        "-    .option('--verbose', 'Log more')\n+    .option('--loud', 'Log more')\n",
      )
      .replace('@@ -3,6 +3,7 @@', '@@ -3,6 +3,6 @@');
    const result = await draft(diff, CLI_DOCS);
    expect(applied(CLI_DOCS, result)['docs/cli.md']).toContain('- `--loud`: Log more\n\nThe `--verbose` flag is handy');
    expect(result.edits[0].citations.map((c) => c.side)).toEqual(['old', 'new']);
    expect(result.summary).toContain('still mentions renamed flag `--verbose` outside an entry of its own');
  });

  it('writes a marked placeholder when the code gives no description', async () => {
    const diff = CLI_DIFF.replace("'-t, --timeout <ms>', 'Request timeout in milliseconds', 30000", "'--timeout <ms>'");
    const result = await draft(diff, CLI_DOCS);
    expect(applied(CLI_DOCS, result)['docs/cli.md']).toContain('- `--timeout <ms>`: TODO: describe `--timeout`\n');
    expect(result.edits[0].rationale).toContain('TODO placeholder');
  });
});

const ENV_DIFF = `diff --git a/src/config.ts b/src/config.ts
--- a/src/config.ts
+++ b/src/config.ts
@@ -1,7 +1,8 @@
 export function loadConfig(env = process.env) {
   return {
     port: Number(env.PORT ?? 3000),
-    logLevel: env.LOG_LEVEL ?? 'info',
+    // Milliseconds before an upstream request is abandoned.
+    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS ?? 30000),
     databaseUrl: env.DATABASE_URL,
   };
 }
`;

const ENV_DOCS: DocPage[] = [
  {
    path: 'docs/configuration.md',
    text: `# Configuration

| Variable | Description | Default |
| --- | --- | --- |
| \`PORT\` | Port the server listens on. | \`3000\` |
| \`LOG_LEVEL\` | Minimum level of log lines. | \`info\` |
| \`DATABASE_URL\` | Postgres connection string. | \`postgres://localhost/app\` |
`,
  },
];

describe('offline drafter: env vars in a table', () => {
  it('deletes the removed row and adds a row with the comment and default from the code', async () => {
    const result = await draft(ENV_DIFF, ENV_DOCS);
    expect(result.edits).toHaveLength(1);
    expect(applied(ENV_DOCS, result)['docs/configuration.md']).toBe(`# Configuration

| Variable | Description | Default |
| --- | --- | --- |
| \`PORT\` | Port the server listens on. | \`3000\` |
| \`REQUEST_TIMEOUT_MS\` | Milliseconds before an upstream request is abandoned. | \`30000\` |
| \`DATABASE_URL\` | Postgres connection string. | \`postgres://localhost/app\` |
`);
    const citations = result.edits[0].citations;
    expect(citations).toContainEqual({
      path: 'src/config.ts',
      side: 'old',
      startLine: 4,
      endLine: 4,
      excerpt: "    logLevel: env.LOG_LEVEL ?? 'info',",
    });
    expect(citations).toContainEqual({
      path: 'src/config.ts',
      side: 'new',
      startLine: 4,
      endLine: 5,
      excerpt:
        '    // Milliseconds before an upstream request is abandoned.\n    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS ?? 30000),',
    });
  });

  it('leaves unknown cells as a dash', async () => {
    const docs = [
      {
        path: 'docs/env.md',
        text: '| Name | Required | Meaning |\n|---|---|---|\n| DATABASE_URL | yes | Postgres connection string. |\n',
      },
    ];
    const result = await draft(ENV_DIFF, docs);
    expect(applied(docs, result)['docs/env.md']).toBe(
      '| Name | Required | Meaning |\n|---|---|---|\n| REQUEST_TIMEOUT_MS | — | Milliseconds before an upstream request is abandoned. |\n| DATABASE_URL | yes | Postgres connection string. |\n',
    );
  });
});

const OPTIONS_DIFF = `diff --git a/src/options.ts b/src/options.ts
--- a/src/options.ts
+++ b/src/options.ts
@@ -1,4 +1,6 @@
 export const defaults = {
   retries: 3,
+  /** Seconds to wait between retries. */
+  retryDelay: 2,
   concurrency: 4,
 };
`;

const OPTIONS_DOCS: DocPage[] = [
  {
    path: 'docs/options.md',
    text: `# Options

<a id="retries"></a>
## \`retries\`

- **Type:** \`number\`
- **Default:** \`3\`

How many times a failed upload is retried.

Retries use exponential backoff.

<a id="concurrency"></a>
## \`concurrency\`

- **Type:** \`number\`
- **Default:** \`4\`

How many uploads run at once.
`,
  },
];

describe('offline drafter: options as heading sections', () => {
  it('adds a section in the neighbour’s shape with the JSDoc description and default', async () => {
    const result = await draft(OPTIONS_DIFF, OPTIONS_DOCS);
    expect(applied(OPTIONS_DOCS, result)['docs/options.md']).toBe(`# Options

<a id="retries"></a>
## \`retries\`

- **Type:** \`number\`
- **Default:** \`3\`

How many times a failed upload is retried.

Retries use exponential backoff.

## \`retryDelay\`

- **Default:** \`2\`

Seconds to wait between retries.

<a id="concurrency"></a>
## \`concurrency\`

- **Type:** \`number\`
- **Default:** \`4\`

How many uploads run at once.
`);
    expect(result.edits[0].citations[0]).toMatchObject({ startLine: 3, endLine: 4 });
  });

  it('removes a whole section with its anchor when the option goes away', async () => {
    const diff = `diff --git a/src/options.ts b/src/options.ts
--- a/src/options.ts
+++ b/src/options.ts
@@ -1,4 +1,3 @@
 export const defaults = {
-  retries: 3,
   concurrency: 4,
 };
`;
    const result = await draft(diff, OPTIONS_DOCS);
    expect(applied(OPTIONS_DOCS, result)['docs/options.md']).toBe(`# Options

<a id="concurrency"></a>
## \`concurrency\`

- **Type:** \`number\`
- **Default:** \`4\`

How many uploads run at once.
`);
  });

  it('needs two documented neighbours before adding an option key', async () => {
    const docs = [{ path: 'docs/options.md', text: '# Options\n\n## `retries`\n\nHow many retries.\n' }];
    const result = await draft(OPTIONS_DIFF, docs);
    expect(result.edits).toEqual([]);
  });
});

describe('offline drafter: nothing affected', () => {
  it('returns no edits and says why', async () => {
    const diff = `diff --git a/src/math.ts b/src/math.ts
--- a/src/math.ts
+++ b/src/math.ts
@@ -1,3 +1,3 @@
 function area(r) {
-  return 3.14 * r * r;
+  return Math.PI * r * r;
 }
`;
    const result = await draft(diff, CLI_DOCS, 'fix: use Math.PI', ['Please also update the intro.']);
    expect(result.edits).toEqual([]);
    expect(result.noChangesReason).toMatch(/no flag, env var, route, export or option key/);
    expect(result.summary).toContain('no documentation edits');
    expect(result.summary).toContain(
      'Reviewer feedback recorded; the offline drafter does not rewrite prose from feedback',
    );
  });

  it('explains when the new symbols appear nowhere in the docs', async () => {
    const diff = `diff --git a/src/server.ts b/src/server.ts
--- a/src/server.ts
+++ b/src/server.ts
@@ -1,2 +1,3 @@
 const app = express();
+app.get('/v1/health', (_req, res) => res.send('ok'));
 app.listen(3000);
`;
    const result = await draft(diff, CLI_DOCS);
    expect(result.edits).toEqual([]);
    expect(result.noChangesReason).toMatch(/^the change adds no documented symbols: .*`\/v1\/health`/);
    expect(result.summary).toContain('New route `/v1/health` is not documented');
  });
});

describe('offline drafter on prose (support conversations)', () => {
  it('ends with needs_model and the pages the conversation concerns', async () => {
    const draft = await createOfflineDrafter().draft({
      change: {
        sourceLabel: 'tickets',
        note: 'Customers ask about --delimiter',
        commits: [],
        diff: '',
        files: [{ path: 'zendesk/tickets/1', status: 'added', content: 'How does `--delimiter` work on export?' }],
      },
      docs: [
        { path: 'docs/export.md', text: '# Export\n\n- `--delimiter <char>`: field separator.\n' },
        { path: 'docs/other.md', text: '# Other\n' },
      ],
      feedback: [],
      projectFeedback: [],
    });
    expect(draft.edits).toEqual([]);
    expect(draft.noChangesReason).toMatch(/^needs_model: .*Pages it concerns: `docs\/export.md`/);
  });
});
