import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { docIndexFor } from '../../drafting/impact/index-cache.js';
import { rankDocImpact } from '../../drafting/impact/rank-doc-impact.js';
import type { DocPage } from '../../core/change.js';

function diffOf(file: string, start: number, lines: string[]): string {
  const old = lines.filter((l) => !l.startsWith('+')).length;
  const now = lines.filter((l) => !l.startsWith('-')).length;
  return `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n@@ -${start},${old} +${start},${now} @@\n${lines.join('\n')}\n`;
}

const paths = (ranked: { path: string }[]): string[] => ranked.map((p) => p.path);

describe('rankDocImpact', () => {
  it('ranks first the page that documents a removed flag, over pages that only share its words', () => {
    const diff = diffOf('src/args.ts', 10, [
      "   .option('--port <n>', 'Port to listen on')",
      "-  .option('--legacy-output', 'Write output in the legacy format')",
      "   .option('--quiet', 'Print nothing')",
    ]);
    const pages: DocPage[] = [
      {
        path: 'docs/output.md',
        text: '# Output\n\nThe output format is stable. Legacy output format notes: the format of output lines.\n',
      },
      {
        path: 'docs/reference.md',
        text: '# Reference\n\n- `--port <n>`: Port to listen on\n- `--legacy-output`: Old format\n- `--quiet`: Print nothing\n',
      },
      { path: 'docs/install.md', text: '# Install\n\nRun the installer.\n' },
    ];
    const { ranked } = rankDocImpact({ diff, message: 'drop the old output mode', pages });
    expect(ranked[0].path).toBe('docs/reference.md');
    expect(ranked[0].reasons).toContain('mentions removed flag `--legacy-output`');
    expect(paths(ranked)).not.toContain('docs/install.md');
  });

  it('ranks the page documenting the neighbours of an added option', () => {
    const diff = diffOf('src/defaults.ts', 1, [
      ' export const defaults = {',
      '   retries: 3,',
      '+  retryBackoff: 100,',
      '   requestTimeout: 5000,',
      ' }',
    ]);
    const pages: DocPage[] = [
      {
        path: 'docs/settings.md',
        text: '# Settings\n\n| Option | Default |\n| --- | --- |\n| `retries` | `3` |\n| `requestTimeout` | `5000` |\n',
      },
      {
        path: 'docs/backoff.md',
        text: '# Backoff\n\nWhy a retry backoff helps: each retry waits longer. Backoff and retry.\n',
      },
    ];
    const { ranked } = rankDocImpact({ diff, pages });
    expect(ranked[0].path).toBe('docs/settings.md');
    expect(ranked[0].reasons).toContain(
      'documents neighbouring option `retries`, `requestTimeout` of added `retryBackoff`',
    );
  });

  it('prefers the page named like the changed file', () => {
    const diff = diffOf('src/plugin.ts', 40, [
      '   const worker = spawnWorker(opts)',
      '-  worker.unref()',
      '+  if (!opts.sync) worker.unref()',
    ]);
    const pages: DocPage[] = [
      { path: 'docs/reference.md', text: '# Reference\n\nA worker runs each hook. Workers can be sync.\n' },
      { path: 'docs/plugins.md', text: '# Plugins\n\nA worker runs each plugin. Workers can be sync.\n' },
    ];
    const { ranked } = rankDocImpact({ diff, pages });
    expect(ranked[0].path).toBe('docs/plugins.md');
    expect(ranked[0].reasons).toContain('page name `plugin` matches changed file `src/plugin.ts`');
  });

  it('follows a name from the message to the entry that documents it and the page that entry links to', () => {
    const diff = diffOf('src/filter.ts', 5, ['-  return name.split(" ")', '+  return name.split(" > ")']);
    const pages: DocPage[] = [
      {
        path: 'docs/cli.md',
        text: '# CLI\n\n## nameFilter\n\n- **CLI:** `-n, --nameFilter <pattern>`\n- **Config:** [nameFilter](/config/name-filter)\n',
      },
      { path: 'docs/config/name-filter.md', text: '# nameFilter\n\nRuns the tests whose names match.\n' },
      { path: 'docs/config/other.md', text: '# other\n\nSomething else entirely.\n' },
    ];
    const { ranked } = rankDocImpact({ diff, message: 'fix!: use `>` as separator in `--nameFilter`', pages });
    expect(paths(ranked).slice(0, 2).sort()).toEqual(['docs/cli.md', 'docs/config/name-filter.md']);
    expect(ranked.find((p) => p.path === 'docs/config/name-filter.md')?.reasons).toContain(
      'linked from the `--nameFilter` entry of `docs/cli.md`',
    );
  });

  it('puts the migration guide up for a breaking change', () => {
    const diff = diffOf('src/run.ts', 1, ['-export const mode = "lenient"', '+export const mode = "strict"']);
    const pages: DocPage[] = [
      { path: 'docs/guide/migration.md', text: '# Migration guide\n\n## v2\n\nNothing yet.\n' },
      { path: 'docs/guide/intro.md', text: '# Intro\n\nWelcome.\n' },
    ];
    const { ranked } = rankDocImpact({ diff, message: 'feat!: strict by default', pages });
    expect(ranked[0].path).toBe('docs/guide/migration.md');
    expect(ranked[0].reasons).toContain('the change is marked breaking and this is a migration guide');
  });

  it('is deterministic whatever the page order', () => {
    const diff = diffOf('src/plugin.ts', 1, ['-a()', '+b()']);
    const pages: DocPage[] = [
      { path: 'a.md', text: '# Plugin\n\n`a()` and `b()`.\n' },
      { path: 'b.md', text: '# Other\n\n`a()` here too.\n' },
    ];
    expect(rankDocImpact({ diff, pages })).toEqual(rankDocImpact({ diff, pages: [...pages].reverse() }));
  });
});

describe('docs index cache', () => {
  const pages: DocPage[] = [
    { path: 'docs/a.md', text: '# A\n\n[b](./b.md)\n' },
    { path: 'docs/b.md', text: '# B\n' },
  ];

  it('returns the same index object for the same revision', () => {
    const first = docIndexFor(pages, 'rev-cache-1');
    expect(docIndexFor([...pages].reverse(), 'rev-cache-1')).toBe(first);
    expect(docIndexFor(pages, 'rev-cache-2')).not.toBe(first);
    expect(first.entries[0].links).toEqual([{ line: 2, to: 1 }]);
  });

  it('without a revision, keys on the content', () => {
    const first = docIndexFor(pages);
    expect(docIndexFor([...pages].reverse())).toBe(first);
    expect(docIndexFor([pages[0], { ...pages[1], text: '# B changed\n' }])).not.toBe(first);
  });
});

describe('docflow impact', () => {
  it('prints the ranking as JSON with paths relative to the docs dir', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docflow-impact-'));
    const docs = path.join(dir, 'site');
    fs.mkdirSync(path.join(docs, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(docs, 'docs', 'cli.md'), '# CLI\n\n- `--verbose`: Log more\n- `--port <n>`: Port\n');
    fs.writeFileSync(path.join(docs, 'README.md'), '# Tool\n\nSee the CLI for flags like `--port`.\n');
    fs.writeFileSync(path.join(docs, 'notes.txt'), 'not markdown, --verbose\n');
    const diffFile = path.join(dir, 'change.patch');
    fs.writeFileSync(
      diffFile,
      diffOf('src/cli.ts', 3, ["   .option('--port <n>', 'Port')", "-  .option('--verbose', 'Log more')"]),
    );
    const messageFile = path.join(dir, 'message.txt');
    fs.writeFileSync(messageFile, 'remove --verbose\n');

    const result = await main(['impact', '--diff', diffFile, '--docs', docs, '--message', messageFile, '--json'], {});
    expect(Object.keys(result as object)).toEqual(['ranked']);
    const { ranked } = result as { ranked: { path: string; score: number; reasons: string[] }[] };
    expect(ranked.map((p) => p.path)).toEqual(['docs/cli.md', 'README.md']);
    for (const page of ranked) {
      expect(Object.keys(page)).toEqual(['path', 'score', 'reasons']);
      expect(typeof page.score).toBe('number');
      expect(page.reasons.length).toBeGreaterThan(0);
      expect(page.reasons.every((r) => typeof r === 'string')).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);

    const top = (await main(['impact', '--diff', diffFile, '--docs', docs, '--top', '1', '--json'], {})) as {
      ranked: unknown[];
    };
    expect(top.ranked).toHaveLength(1);
    const text = await main(['impact', '--diff', diffFile, '--docs', docs], {});
    expect((text as string[])[0]).toMatch(/^1\. docs\/cli\.md \(\d/);
    await expect(main(['impact', '--docs', docs], {})).rejects.toThrow(/--diff is required/);
  });
});
