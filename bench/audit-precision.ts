/**
 * Docs-audit precision on real packages: `npx tsx bench/audit-precision.ts [--cache DIR] [--repos DIR]`.
 * For each pair of `bench/audit/cases.json`, audits the older release's docs against the newer release's code, and
 * the newer release against its own docs (npm tarballs: README/docs and code, no git history). With `--repos`, also
 * each of its `histories`: the README at an old tag against the code at a pinned head commit with the git history,
 * through the docs-audit source's own `auditCode` (the repository is `DIR/<owner>+<name>[/repo]`, cloned bare from
 * GitHub when absent). Every finding is compared with the hand labels; unlabelled ones are listed to be checked by
 * hand. Fetches tarballs with `npm pack`. The output recorded in `bench/audit/results.md` is what the README quotes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditFinding } from '../core/audit-finding.js';
import { auditDirs } from '../drafting/audit/audit-dirs.js';
import { auditCode } from '../integrations/docs-audit/audit-code.js';

interface Pair {
  docs: string;
  code: string;
  labels?: Record<string, string>;
}

interface History {
  repo: string;
  docsAt: string;
  head: string;
  labelsOf: string;
}

const { values } = parseArgs({ options: { cache: { type: 'string' }, repos: { type: 'string' } } });
const cache = values.cache ?? process.env.DOCFLOW_AUDIT_CACHE ?? path.join(os.tmpdir(), 'docflow-audit-eval');
const { pairs, histories } = JSON.parse(fs.readFileSync(new URL('./audit/cases.json', import.meta.url), 'utf8')) as {
  pairs: Pair[];
  histories: History[];
};

/** The unpacked `package/` folder of a tarball, fetched once. */
function unpacked(spec: string): string {
  const dir = path.join(cache, spec.replace(/[@/]/g, '_'));
  const pkg = path.join(dir, 'package');
  if (fs.existsSync(pkg)) return pkg;
  fs.mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir]);
  fs.rmSync(path.join(dir, tarball));
  return pkg;
}

/** A git directory of `owner/name` under `reposDir`, cloned (bare) when absent. */
function repository(reposDir: string, repo: string): string {
  const base = path.join(reposDir, repo.replace('/', '+'));
  const found = [path.join(base, 'repo'), base].find((dir) => fs.existsSync(dir));
  if (found) return found;
  execFileSync('git', ['clone', '--bare', '--quiet', `https://github.com/${repo}.git`, base]);
  return base;
}

const totals = { findings: 0, distinct: 0, real: 0, wrong: 0, unlabelled: 0 };
const toCheck: string[] = [];

function count(findings: AuditFinding[], labels: Record<string, string>, what: string) {
  const verdicts = findings.map((f) => labels[`${f.page}:${f.line}:${f.element}`]);
  const counted = {
    findings: findings.length,
    distinct: new Set(findings.map((f) => `${f.kind}:${f.element}`)).size,
    real: verdicts.filter((v) => v?.startsWith('real')).length,
    wrong: verdicts.filter((v) => v?.startsWith('wrong')).length,
    unlabelled: verdicts.filter((v) => v === undefined).length,
  };
  findings.forEach((f, i) => {
    if (!verdicts[i]) toCheck.push(`${what}: ${f.page}:${f.line}: ${f.kind} ${f.element} — ${f.reason}`);
  });
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counted[key];
  return counted;
}

const cells = (c: ReturnType<typeof count>) =>
  `${c.findings} | ${c.distinct} | ${c.real} | ${c.wrong} | ${c.unlabelled}`;

const rows: string[] = [
  '| docs | code | findings | distinct elements | real | wrong | unlabelled |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
const runs = pairs.flatMap((p) => [p, { docs: p.code, code: p.code, labels: {} }]);
for (const { docs, code, labels = {} } of runs) {
  const counted = count(auditDirs(unpacked(code), unpacked(docs), { history: false }), labels, `${docs} vs ${code}`);
  if (counted.findings > 0 || docs !== code) rows.push(`| ${docs} | ${code} | ${cells(counted)} |`);
}
rows.push(`| **tarballs** (${runs.length} runs) | | ${cells({ ...totals })} |`);
console.log(rows.join('\n'));
console.log(`\n${pairs.length} packages audited against their own docs; rows without findings there are left out.`);

if (values.repos) {
  const before = { ...totals };
  const history = [
    '| repository | README at | code at | findings | distinct elements | real | wrong | unlabelled | removed by |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { repo, docsAt, head, labelsOf } of histories) {
    const dir = repository(values.repos, repo);
    const text = execFileSync('git', ['-C', dir, 'show', `${docsAt}:README.md`], { encoding: 'utf8' });
    const findings = await auditCode(dir, head, [{ path: 'README.md', text }]);
    const labels = pairs.find((p) => p.docs === labelsOf)?.labels ?? {};
    const commits = [...new Set(findings.map((f) => /by ([0-9a-f]{7})/.exec(f.reason)?.[1] ?? '?'))];
    history.push(
      `| ${repo} | ${docsAt} | ${head.slice(0, 7)} | ${cells(count(findings, labels, repo))} | ${commits.join(', ')} |`,
    );
  }
  const added = Object.fromEntries(
    Object.entries(totals).map(([k, v]) => [k, v - before[k as keyof typeof totals]]),
  ) as typeof totals;
  history.push(`| **with history** (${histories.length} runs) | | | ${cells(added)} | |`);
  console.log(`\n${history.join('\n')}`);
}

const judged = totals.real + totals.wrong;
console.log(
  `\nall: ${totals.findings} findings (${totals.distinct} distinct elements per run), ${totals.real} real, ${totals.wrong} wrong, ${totals.unlabelled} unlabelled`,
);
console.log(
  `precision (labelled findings that are real): ${judged ? ((100 * totals.real) / judged).toFixed(1) : '–'} % of ${judged}`,
);
if (toCheck.length > 0) console.log(`\nto check by hand:\n${toCheck.join('\n')}`);
