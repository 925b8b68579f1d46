import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitObjectReader } from '../../integrations/local-git/object-reader.js';
import { commitFiles, initRepo, sh, tempDir } from '../support/git-repos.js';

const exited = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('git object reader (one cat-file --batch per repository)', () => {
  const binary = Buffer.from([0, 1, 2, 10, 255, 10, 10]);
  const repo = initRepo({
    'docs/a.md': '# A\n\nfirst\n',
    'docs/with space.md': 'spaced\n',
    'docs/ünïcode.md': 'ü\n',
    'empty.md': '',
  });
  const first = sh(repo, 'rev-parse', 'HEAD');
  fs.writeFileSync(`${repo}/blob.bin`, binary);
  const second = commitFiles(repo, { 'docs/a.md': '# A\n\nsecond\n' }, 'second');

  it('answers each name with the bytes git has for it, and undefined for what does not exist', async () => {
    const reader = new GitObjectReader(repo);
    expect((await reader.read(`${first}:docs/a.md`))?.content.toString()).toBe('# A\n\nfirst\n');
    expect((await reader.read(`${second}:docs/a.md`))?.content.toString()).toBe('# A\n\nsecond\n');
    expect((await reader.read('HEAD:docs/with space.md'))?.content.toString()).toBe('spaced\n');
    expect((await reader.read('HEAD:docs/ünïcode.md'))?.content.toString()).toBe('ü\n');
    expect((await reader.read('HEAD:empty.md'))?.content).toEqual(Buffer.alloc(0));
    expect(Buffer.compare((await reader.read('HEAD:blob.bin'))!.content, binary)).toBe(0);
    const commit = await reader.read('HEAD~1^{commit}');
    expect(commit).toMatchObject({ id: first, type: 'commit' });
    expect((await reader.read('HEAD:docs'))?.type).toBe('tree');
    expect(await reader.read('HEAD:docs/missing.md')).toBeUndefined();
    expect(await reader.read('no-such-branch^{commit}')).toBeUndefined();
    expect(await reader.read('HEAD:with\nnewline')).toBeUndefined();
    expect(await reader.read('--help')).toBeUndefined();
    expect(reader.started).toBe(1);
    reader.close();
  });

  it('answers concurrent reads in the order asked, through one process', async () => {
    const reader = new GitObjectReader(repo);
    const names = Array.from(
      { length: 200 },
      (_, i) => [`${first}:docs/a.md`, `${second}:docs/a.md`, 'HEAD:nope', 'HEAD:blob.bin'][i % 4]!,
    );
    const answers = await Promise.all(names.map((name) => reader.read(name)));
    answers.forEach((answer, i) => {
      if (i % 4 === 0) expect(answer?.content.toString()).toBe('# A\n\nfirst\n');
      if (i % 4 === 1) expect(answer?.content.toString()).toBe('# A\n\nsecond\n');
      if (i % 4 === 2) expect(answer).toBeUndefined();
      if (i % 4 === 3) expect(answer?.content.length).toBe(binary.length);
    });
    expect(reader.started).toBe(1);
    reader.close();
  });

  it('fails the waiting reads when its process dies, and starts a new one for the next read', async () => {
    const reader = new GitObjectReader(repo);
    await reader.read('HEAD');
    const pid = reader.pid!;
    const pending = Array.from({ length: 50 }, () =>
      reader.read('HEAD:docs/a.md').then(
        () => 'ok',
        () => 'failed',
      ),
    );
    process.kill(pid, 'SIGKILL');
    const outcomes = await Promise.all(pending);
    // Those answered before the kill succeed; none is left hanging.
    expect(outcomes.every((o) => o === 'ok' || o === 'failed')).toBe(true);
    expect((await reader.read('HEAD:docs/a.md'))?.content.toString()).toBe('# A\n\nsecond\n');
    expect(reader.pid).not.toBe(pid);
    expect(reader.started).toBe(2);
    reader.close();
  });

  it('ends its process when idle, and starts again when asked', async () => {
    const reader = new GitObjectReader(repo, 50);
    await reader.read('HEAD');
    const pid = reader.pid!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reader.pid).toBeUndefined();
    expect(exited(pid)).toBe(true);
    expect((await reader.read(`${first}:docs/a.md`))?.content.toString()).toBe('# A\n\nfirst\n');
    expect(reader.started).toBe(2);
    reader.close();
  });

  it('keeps a process alive while it owes answers, and lets it end when idle', () => {
    const script = [
      `import { GitObjectReader } from ${JSON.stringify(path.resolve('integrations/local-git/object-reader.ts'))};`,
      `const reader = new GitObjectReader(${JSON.stringify(repo)});`,
      "const object = await reader.read('HEAD:docs/a.md');",
      'process.stdout.write(object.content);',
    ].join('\n');
    const file = path.join(tempDir('docflow-reader-script-'), 'read.mts');
    fs.writeFileSync(file, script);
    // Exits on its own (an idle reader holds nothing open) only after the answer arrived (a waiting one does).
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toBe('# A\n\nsecond\n');
  });

  it("refuses a folder that is not a repository, with git's reason", async () => {
    const reader = new GitObjectReader(tempDir('docflow-not-a-repo-'));
    await expect(reader.read('HEAD')).rejects.toThrow(/not a git repository/);
  });
});
