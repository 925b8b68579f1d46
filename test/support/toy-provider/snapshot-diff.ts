import { execFile } from 'node:child_process';

/**
 * The unified diff between two snapshot folders below `root`, as `git diff` prints it for a
 * repository: `git diff --no-index` names the files `a/<before>/x` and `b/<after>/x`; they are
 * rewritten to the repository-relative `a/x` and `b/x` the drafters read.
 */
export async function snapshotDiff(root: string, before: string, after: string): Promise<string> {
  const raw = await gitDiffNoIndex(root, before, after);
  const [from, to] = [`${trim(before)}/`, `${trim(after)}/`];
  return raw
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git ')) return line.replace(` a/${from}`, ' a/').replace(` b/${to}`, ' b/');
      if (line.startsWith(`--- a/${from}`)) return `--- a/${line.slice(6 + from.length)}`;
      if (line.startsWith(`+++ b/${to}`)) return `+++ b/${line.slice(6 + to.length)}`;
      return line;
    })
    .join('\n');
}

const trim = (dir: string) => dir.replace(/^\.\//, '').replace(/\/+$/, '');

/** Exit 1 means "the folders differ", not a failure. */
function gitDiffNoIndex(cwd: string, before: string, after: string): Promise<string> {
  const args = [
    '-c',
    'core.quotepath=off',
    '-c',
    'diff.noprefix=false',
    'diff',
    '--no-index',
    '--no-color',
    '--no-ext-diff',
    '--no-renames',
    '-U3',
    '--',
    trim(before),
    trim(after),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error || error.code === 1) resolve(stdout);
        else reject(new Error(`git diff --no-index failed: ${stderr || error.message}`));
      },
    );
  });
}
