import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, UsageError } from '../../cli/main.js';
import { applyEdits } from '../../drafting/apply-edits.js';
import { auditDirs } from '../../drafting/audit/audit-dirs.js';
import { auditDraft } from '../../drafting/audit/audit-draft.js';
import { withAuditDrafting } from '../../drafting/audit/audit-drafter.js';
import { auditDocs, auditDocsYielding } from '../../drafting/audit/audit-docs.js';
import { buildCodeInventory } from '../../drafting/audit/code-inventory.js';
import { findDocMentions } from '../../drafting/audit/find-doc-mentions.js';
import { readCodeTree, readCodeTreeAt } from '../../drafting/audit/read-code-tree.js';
import { readDocsDir } from '../../drafting/impact/read-docs-dir.js';
import { auditFixture } from '../support/audit-fixture.js';
import { commitFiles, initRepo, tempDir } from '../support/git-repos.js';

const brief = (findings: { line: number; element: string; kind: string }[]) =>
  findings.map(({ line, element, kind }) => `${line} ${kind} ${element}`);

/** An inventory of in-memory code files. */
function inventoryOf(files: Record<string, string>) {
  const paths = new Set(
    Object.keys(files).flatMap((f) => f.split('/').map((_p, i, all) => all.slice(0, i + 1).join('/'))),
  );
  return buildCodeInventory({ root: '/code', files: new Map(Object.entries(files)), paths });
}

const cliCode = {
  'package.json': JSON.stringify({ name: 'acme-cli', bin: { acme: 'cli.js' } }),
  'cli.js':
    "program.option('--port <n>').option('--host <h>').option('--dry-run').parse();\nconst key = process.env.ACME_KEY;\n",
};

describe('docs audit on a repository with known stale references', () => {
  it('finds exactly the removed flag, the renamed env var (with its rename as the fix) and the removed route', () => {
    const fixture = auditFixture('stale');
    const findings = auditDirs(fixture.repo, fixture.docs);
    expect(brief(findings)).toEqual(['33 flag --legacy-output', '34 env APP_TIMEOUT_MS', '35 route /v1/export']);
    expect(findings.every((f) => f.page === 'reference.md')).toBe(true);
    const [flag, env, route] = findings;
    expect(env.fix).toEqual({
      from: 'APP_TIMEOUT_MS',
      to: 'APP_REQUEST_TIMEOUT_MS',
      commit: fixture.envCommit,
      subject: 'refactor: clearer timeout variable',
    });
    expect(flag.fix).toBeUndefined();
    expect(flag.reason).toContain(`removed by ${fixture.flagCommit.slice(0, 7)}`);
    expect(route.fix).toBeUndefined();
    expect(route.reason).toContain(`removed by ${fixture.routeCommit.slice(0, 7)}`);
  });

  it('reads the history at a given commit, and yields to the event loop between lookups (an activity heartbeats)', async () => {
    const fixture = auditFixture('stale');
    const input = {
      inventory: buildCodeInventory(readCodeTree(fixture.repo, { exclude: fixture.docs })),
      pages: readDocsDir(fixture.docs),
      historyDir: fixture.repo,
    };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const yielded = await auditDocsYielding(input).finally(() => clearInterval(timer));
    expect(yielded).toEqual(auditDocs(input));
    expect(ticks).toBeGreaterThan(0);
    // The history is read only up to `historyRev`: before the rename commit, the env var has no rename fix.
    const beforeRename = auditDocs({ ...input, historyRev: `${fixture.envCommit}~1` });
    const env = beforeRename.find((f) => f.element === 'APP_TIMEOUT_MS');
    expect(env?.fix).toBeUndefined();
    expect(env?.reason).not.toContain(fixture.envCommit.slice(0, 7));
  });

  it("reads a commit's code tree from git as a checkout reads it, export-ignore and symlinks included", () => {
    const fixture = auditFixture('stale');
    const head = execFileSync('git', ['-C', fixture.repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const fromGit = readCodeTreeAt(fixture.repo, head);
    const fromDisk = readCodeTree(fixture.repo);
    expect([...fromGit.files.entries()].sort()).toEqual([...fromDisk.files.entries()].sort());
    expect([...fromGit.paths].sort()).toEqual([...fromDisk.paths].sort());
    // An archive would drop export-ignored files; the objects do not. A later commit is not read.
    commitFiles(fixture.repo, { '.gitattributes': 'src/config.ts export-ignore\n', 'src/late.ts': 'x\n' }, 'attrs');
    fs.symlinkSync('cli.ts', path.join(fixture.repo, 'src/link.ts'));
    const next = commitFiles(fixture.repo, {}, 'a symlink');
    const later = readCodeTreeAt(fixture.repo, next);
    expect(later.files.get('src/config.ts')).toContain('APP_REQUEST_TIMEOUT_MS');
    expect(later.paths.has('src/link.ts')).toBe(false);
    expect(readCodeTreeAt(fixture.repo, head).paths.has('src/late.ts')).toBe(false);
    expect(() => readCodeTreeAt(fixture.repo, 'no-such-commit')).toThrow(/ls-tree/);
  });

  it('finds nothing on a clean repository, noise included (other tools, output, examples, changelog)', () => {
    const fixture = auditFixture('clean');
    expect(auditDirs(fixture.repo, fixture.docs)).toEqual([]);
    expect(auditDirs(fixture.repo, fixture.repo)).toEqual([]);
  });

  it('without history, reports the same elements, with no fix', () => {
    const fixture = auditFixture('stale');
    const copy = tempDir();
    fs.cpSync(fixture.repo, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) });
    const findings = auditDirs(copy, path.join(copy, 'docs'));
    expect(brief(findings)).toEqual(['33 flag --legacy-output', '34 env APP_TIMEOUT_MS', '35 route /v1/export']);
    expect(findings.some((f) => f.fix)).toBe(false);
  });

  it('with history, drops names the code never had and follows a renamed flag', () => {
    const repo = initRepo({
      ...cliCode,
      'cli.js': cliCode['cli.js'].replace("'--dry-run'", "'--simulate', 'Print what would change'"),
    });
    const commit = commitFiles(
      repo,
      { 'cli.js': cliCode['cli.js'].replace("'--dry-run'", "'--preview', 'Print what would change'") },
      'rename --simulate',
    );
    const docs = tempDir();
    fs.writeFileSync(
      path.join(docs, 'cli.md'),
      '# acme\n\nRun `acme --port 3000`.\n\n- `--simulate`: print what would change.\n- `--frobnicate`: never existed.\n',
    );
    const findings = auditDirs(repo, docs);
    expect(brief(findings)).toEqual(['5 flag --simulate']);
    expect(findings[0].fix).toMatchObject({ from: '--simulate', to: '--preview', commit });
    expect(brief(auditDirs(repo, docs, { history: false }))).toEqual(['5 flag --simulate', '6 flag --frobnicate']);
  });
});

it('gives a file moved in the history its new path as the fix', () => {
  const repo = initRepo({ 'src/server.ts': 'export const port = 1;\n', 'src/index.ts': 'export {};\n' });
  execFileSync('git', ['-C', repo, 'mv', 'src/server.ts', 'src/http-server.ts']);
  const commit = commitFiles(repo, {}, 'move the server');
  const docs = tempDir();
  fs.writeFileSync(path.join(docs, 'dev.md'), '# Dev\n\nThe server lives in `src/server.ts`.\n');
  const [finding, ...rest] = auditDirs(repo, docs);
  expect(rest).toEqual([]);
  expect(finding).toMatchObject({ line: 3, kind: 'path', element: 'src/server.ts' });
  expect(finding.fix).toMatchObject({ from: 'src/server.ts', to: 'src/http-server.ts', commit });
});

describe('what the audit reads as a code element', () => {
  const inventory = inventoryOf(cliCode);
  const mentions = (text: string, page = 'guide.md') => brief(findDocMentions({ path: page, text }, { inventory }));

  it("reads lone flags only on pages that show the package's command, outside other tools' paragraphs", () => {
    expect(mentions('Run `acme --gone 1`.\n\nUse `--old`.\n')).toEqual(['1 flag --gone', '3 flag --old']);
    expect(mentions('Use `--old`.\n')).toEqual([]);
    expect(
      mentions('Run `acme`.\n\nPass `--inspect` to node.\n\nSee [`--trace`](https://nodejs.org/api/cli.html).\n'),
    ).toEqual([]);
    expect(mentions('Run `acme`.\n\nFor example, `--anything` works.\n')).toEqual([]);
    expect(mentions('Run `acme`.\n\n`--old` was removed in v2.\n')).toEqual([]);
  });

  it("reads fenced lines only when they run the package's command", () => {
    const page = [
      '```sh',
      '$ ACME_MODE=x npx acme --gone',
      'npm install --save-dev acme',
      '```',
      '```text',
      'acme --output-only',
      '```',
    ];
    expect(mentions(page.join('\n'))).toEqual(['2 env ACME_MODE', '2 flag --gone']);
  });

  it("reads env vars with the prefix of the code's own, and skips history pages", () => {
    expect(mentions('Set the environment variable `ACME_TOKEN` or `OTHER_TOKEN`; `process.env.ACME_URL`.\n')).toEqual([
      '1 env ACME_TOKEN',
      '1 env ACME_URL',
    ]);
    expect(mentions('Run `acme --gone`.\n', 'CHANGELOG.md')).toEqual([]);
    expect(mentions('Run `acme --gone`.\n', 'docs/migrating-to-v2.md')).toEqual([]);
  });

  it('reads documented functions, options and file paths', () => {
    const inv = inventoryOf({
      'src/index.ts': 'export function createClient() {}\nexport const options = { retryCount: 1 };\n',
    });
    const page = [
      '## API',
      '',
      '### `createClient(opts) => Client`',
      '### `removedHelper(x)`',
      '',
      '## Options',
      '',
      '| Option | Default |',
      '| --- | --- |',
      '| `retryCount` | `1` |',
      '| `retryDelay` | `100` |',
      '',
      'The entry point is `src/index.ts`, the server is in `src/main.ts`.',
      'Your app can live in `src/app.ts`.',
    ].join('\n');
    const text = { path: 'api.md', text: page };
    const found = auditDocs({ inventory: inv, pages: [text] });
    expect(brief(found)).toEqual(['4 function removedHelper', '11 config-key retryDelay', '13 path src/main.ts']);
  });
});

describe('docflow audit', () => {
  it('prints JSON findings, and text, and exits 0 with findings', async () => {
    const fixture = auditFixture('stale');
    const json = (await main(['audit', '--code', fixture.repo, '--docs', fixture.docs, '--json'])) as {
      findings: Record<string, unknown>[];
    };
    expect(Object.keys(json)).toEqual(['findings']);
    expect(json.findings).toHaveLength(3);
    for (const f of json.findings) {
      expect(f).toMatchObject({ page: 'reference.md', line: expect.any(Number), element: expect.any(String) });
      expect(['flag', 'env', 'route']).toContain(f.kind);
    }
    expect(json.findings[1].fix).toMatchObject({ from: 'APP_TIMEOUT_MS', to: 'APP_REQUEST_TIMEOUT_MS' });
    const text = (await main(['audit', '--code', fixture.repo, '--docs', fixture.docs])) as string[];
    expect(text[0]).toBe('reference.md:33: flag `--legacy-output` no longer exists');
    expect(text.join('\n')).toContain(
      'env var `APP_TIMEOUT_MS` no longer exists — renamed to `APP_REQUEST_TIMEOUT_MS`',
    );
    expect(text.at(-1)).toBe('3 findings, 1 with a rename fix');

    const bin = spawnSync(
      process.execPath,
      ['bin/docflow.js', 'audit', '--code', fixture.repo, '--docs', fixture.docs, '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(bin.status).toBe(0);
    expect(JSON.parse(bin.stdout).findings).toHaveLength(3);
  });

  it('fails only on bad arguments, with a clear message', async () => {
    await expect(main(['audit', '--docs', '.'])).rejects.toThrow(/--code is required/);
    await expect(main(['audit', '--code', '.', '--docs', '/nonexistent/docs'])).rejects.toThrow(
      new UsageError('--docs /nonexistent/docs is not a directory'),
    );
    const bin = spawnSync(process.execPath, ['bin/docflow.js', 'audit', '--code', '/nonexistent'], {
      encoding: 'utf8',
    });
    expect(bin.status).toBe(2);
    expect(bin.stderr).toMatch(/--docs is required/);
    const clean = auditFixture('clean');
    expect(
      execFileSync(process.execPath, ['bin/docflow.js', 'audit', '--code', clean.repo, '--docs', clean.docs], {
        encoding: 'utf8',
      }),
    ).toBe('no page names a code element that is gone\n');
  });
});

describe('an audit as a suggestion', () => {
  it('applies the rename fixes as exact edits and lists every finding', () => {
    const fixture = auditFixture('stale');
    const findings = auditDirs(fixture.repo, fixture.docs);
    const page = { path: 'reference.md', text: fixture.staleDocs };
    const draft = auditDraft(findings, [page]);
    expect(draft.edits).toHaveLength(1);
    const after = applyEdits({ [page.path]: page.text }, draft.edits)[page.path];
    expect(after).toContain('- `APP_REQUEST_TIMEOUT_MS`: environment variable, request timeout in milliseconds.');
    expect(after).not.toContain('APP_TIMEOUT_MS`');
    expect(after.split('\n').filter((l, i) => l !== page.text.split('\n')[i])).toHaveLength(1);
    expect(draft.summary).toContain('Renamed (fixed by these edits):\n- reference.md:34 `APP_TIMEOUT_MS` (env)');
    expect(draft.summary).toContain(
      'Gone, for a person to rewrite or remove:\n- reference.md:33 `--legacy-output` (flag)',
    );
    expect(draft.summary).toContain('- reference.md:35 `/v1/export` (route)');
    expect(auditDraft([], [page])).toMatchObject({
      edits: [],
      noChangesReason: 'Docs audit: no stale references; every page names code that exists.',
    });
  });

  it('lists the findings for a person as the no-changes reason when none has a rename fix', () => {
    const fixture = auditFixture('stale');
    const findings = auditDirs(fixture.repo, fixture.docs).filter((f) => !f.fix);
    const draft = auditDraft(findings, [{ path: 'reference.md', text: fixture.staleDocs }]);
    expect(draft.edits).toEqual([]);
    expect(draft.noChangesReason).toBe(
      [
        'Docs audit: 2 stale references, none with a rename fix.',
        '',
        'Gone, for a person to rewrite or remove:',
        '- reference.md:33 `--legacy-output` (flag)',
        '- reference.md:35 `/v1/export` (route)',
      ].join('\n'),
    );
  });

  it('drafts a change that is an audit from its findings, and any other change with the configured drafter', async () => {
    const fixture = auditFixture('stale');
    const findings = auditDirs(fixture.repo, fixture.docs);
    const docs = [{ path: 'reference.md', text: fixture.staleDocs }];
    const configured = {
      name: 'model',
      draft: async () => ({ edits: [], summary: 'model', impacted: [], drafter: 'model' }),
    };
    const drafter = withAuditDrafting(configured);
    const change = { sourceLabel: 'x', commits: [], diff: '', files: [] };
    expect((await drafter.draft({ change, docs, feedback: [] })).drafter).toBe('model');
    const audit = { ...change, audit: { findings, code: `${fixture.repo}@HEAD` } };
    const draft = await drafter.draft({ change: audit, docs, feedback: [] });
    expect(draft).toMatchObject({ drafter: 'audit', edits: [expect.objectContaining({ path: 'reference.md' })] });
    const again = await drafter.draft({ change: audit, docs, feedback: ['shorter, please'] });
    expect(again.edits).toEqual(draft.edits);
    expect(again.summary).toContain('feedback cannot change its edits');
  });
});
