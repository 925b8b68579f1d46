import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../drafting/apply-edits.js';
import { createOfflineDrafter } from '../../drafting/offline/offline-drafter.js';
import type { DocPage } from '../../core/change.js';

async function run(diff: string, docs: DocPage[], files: { path: string; content: string }[] = []) {
  const change = {
    sourceLabel: 't',
    commits: [{ sha: 'a', message: 'm' }],
    diff,
    files: files.map((f) => ({ ...f, status: 'modified' as const })),
  };
  const result = await createOfflineDrafter().draft({ change, docs, feedback: [] });
  return { result, pages: applyEdits(Object.fromEntries(docs.map((d) => [d.path, d.text])), result.edits) };
}

describe('offline drafter: more entry shapes', () => {
  it('deletes a removed env var row from a table and nothing else', async () => {
    const diff = `diff --git a/src/log.js b/src/log.js
--- a/src/log.js
+++ b/src/log.js
@@ -1,3 +1,2 @@
 const level = process.env.LOG_LEVEL || 'info'
-const pretty = process.env.LOG_PRETTY === '1'
 module.exports = { level }
`;
    const text =
      '# Env\n\n| Name | Meaning |\n|------|---------|\n| `LOG_LEVEL` | Level |\n| `LOG_PRETTY` | Pretty-print when `1` |\n';
    const { result, pages } = await run(diff, [{ path: 'README.md', text }]);
    expect(pages['README.md']).toBe('# Env\n\n| Name | Meaning |\n|------|---------|\n| `LOG_LEVEL` | Level |\n');
    expect(result.edits[0]).toMatchObject({ before: '| `LOG_PRETTY` | Pretty-print when `1` |\n', after: '' });
    expect(result.edits[0].rationale).toBe('`LOG_PRETTY` was removed from `src/log.js`, so its table row is deleted.');
  });

  it('keeps blank lines between items of a loose list', async () => {
    const diff = `diff --git a/bin/cli.js b/bin/cli.js
--- a/bin/cli.js
+++ b/bin/cli.js
@@ -1,2 +1,3 @@
 parser.add_argument('--input', help='File to read')
+parser.add_argument('--dry-run', help='Print what would change')
 parser.add_argument('--output', help='File to write')
`;
    const text = '## Flags\n\n* `--input`\n\n  File to read.\n\n* `--output`\n\n  File to write.\n';
    const { pages } = await run(diff, [{ path: 'docs/usage.md', text }]);
    expect(pages['docs/usage.md']).toBe(
      '## Flags\n\n* `--input`\n\n  File to read.\n\n* `--dry-run`\n\n  Print what would change\n\n* `--output`\n\n  File to write.\n',
    );
  });

  it('adds a route heading with the new method and path', async () => {
    const diff = `diff --git a/src/routes.ts b/src/routes.ts
--- a/src/routes.ts
+++ b/src/routes.ts
@@ -1,2 +1,4 @@
 router.get('/v1/users', listUsers);
+// Deletes one user and their sessions.
+router.delete('/v1/users/:id', deleteUser);
`;
    const text = '# API\n\n### `GET /v1/users`\n\nLists users.\n\n**Response:** `200` with a JSON array.\n';
    const { pages } = await run(diff, [{ path: 'docs/api.md', text }]);
    expect(pages['docs/api.md']).toBe(
      '# API\n\n### `GET /v1/users`\n\nLists users.\n\n**Response:** `200` with a JSON array.\n\n### `DELETE /v1/users/:id`\n\nDeletes one user and their sessions.\n',
    );
  });

  it('copies a generated-reference section for a new config key, keeping only lines that name the neighbour', async () => {
    const diff = `diff --git a/src/cli-config.ts b/src/cli-config.ts
--- a/src/cli-config.ts
+++ b/src/cli-config.ts
@@ -10,9 +10,12 @@ export const cliOptionsConfig = {
   tagsFilter: {
     description: 'Run only tests with the specified tags.',
   },
   strictTags: {
     description: 'Throw if a test uses an undefined tag. (default: \`true\`)',
   },
+  sharedServer: {
+    description: 'Let inline projects reuse the server. (default: \`true\`)',
+  },
   experimental: {
     description: 'Experimental features.',
   },
`;
    const text = `# CLI reference

### tagsFilter

- **CLI:** \`--tagsFilter <expression>\`

Run only tests with the specified tags.

### strictTags

- **CLI:** \`--strictTags\`
- **Config:** [strictTags](/config/stricttags)

Throw if a test uses an undefined tag. (default: \`true\`)

### experimental.print

- **CLI:** \`--experimental.print\`
`;
    const { result, pages } = await run(diff, [{ path: 'docs/cli-generated.md', text }]);
    expect(pages['docs/cli-generated.md']).toBe(
      text.replace(
        '### experimental.print',
        '### sharedServer\n\n- **CLI:** `--sharedServer`\n\nLet inline projects reuse the server. (default: `true`)\n\n### experimental.print',
      ),
    );
    expect(result.edits[0].citations[0]).toMatchObject({ startLine: 16, endLine: 17 });
  });

  it('does not add a key found only in a brand-new object, even next to documented names', async () => {
    const diff = `diff --git a/src/report.ts b/src/report.ts
--- a/src/report.ts
+++ b/src/report.ts
@@ -1,1 +1,6 @@
 const base = {}
+const row = {
+  tagsFilter: filter,
+  strictTags: strict,
+  totalTime: time,
+}
`;
    const text = '### tagsFilter\n\nFilter.\n\n### strictTags\n\nStrict.\n';
    const { result } = await run(diff, [{ path: 'docs/cli.md', text }]);
    expect(result.edits).toEqual([]);
  });

  it('finds neighbours in the head file content outside the hunk', async () => {
    const diff = `diff --git a/src/cli.ts b/src/cli.ts
--- a/src/cli.ts
+++ b/src/cli.ts
@@ -8,2 +8,3 @@
 // more options
+program.option('--dry-run', 'Print what would change')
 program.parse()
`;
    const content =
      "program.option('--input <file>', 'File to read')\n\n\n\n\n\n\n// more options\nprogram.option('--dry-run', 'Print what would change')\nprogram.parse()\n";
    const text = '- `--input <file>`: File to read\n';
    const { pages } = await run(diff, [{ path: 'docs/cli.md', text }], [{ path: 'src/cli.ts', content }]);
    expect(pages['docs/cli.md']).toBe('- `--input <file>`: File to read\n- `--dry-run`: Print what would change\n');
  });
});

describe('offline drafter: removals keep the page tidy', () => {
  const diff = (flag: string) => `diff --git a/cli.js b/cli.js
--- a/cli.js
+++ b/cli.js
@@ -1,2 +1,1 @@
 program.option('--keep', 'Keep')
-program.option('${flag}', 'Gone')
`;

  it('removes an item of a loose list with one of its blank lines', async () => {
    const text = '- `--keep`\n\n- `--gone`\n\n- `--other`\n';
    const { pages } = await run(diff('--gone'), [{ path: 'a.md', text }]);
    expect(pages['a.md']).toBe('- `--keep`\n\n- `--other`\n');
  });

  it('removes the last section of a page without leaving blank lines behind', async () => {
    const text = '# CLI\n\n## `--keep`\n\nKeep.\n\n## `--gone`\n\nGone.\n';
    const { pages } = await run(diff('--gone'), [{ path: 'a.md', text }]);
    expect(pages['a.md']).toBe('# CLI\n\n## `--keep`\n\nKeep.\n');
  });

  it('does not delete an entry that also documents other flags', async () => {
    const text = '- `--gone`, `--other`: Either one.\n';
    const { result } = await run(diff('--gone'), [{ path: 'a.md', text }]);
    expect(result.edits).toEqual([]);
    expect(result.summary).toContain('`a.md` still mentions removed flag `--gone`');
  });
});
