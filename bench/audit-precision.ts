/**
 * Docs-audit precision on real packages: `npx tsx bench/audit-precision.ts [--cache DIR]`.
 * For each pair of `bench/audit/cases.json`, audits the older release's docs against the newer release's code, and
 * the newer release against its own docs (npm tarballs: README/docs and code, no git history). Every finding is
 * compared with the hand labels; unlabelled ones are listed to be checked by hand. Fetches tarballs with `npm pack`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditDirs } from '../drafting/audit/audit-dirs.js';

interface Pair {
  docs: string;
  code: string;
  labels?: Record<string, string>;
}

const { values } = parseArgs({ options: { cache: { type: 'string' } } });
const cache = values.cache ?? process.env.DOCFLOW_AUDIT_CACHE ?? path.join(os.tmpdir(), 'docflow-audit-eval');
const { pairs } = JSON.parse(fs.readFileSync(new URL('./audit/cases.json', import.meta.url), 'utf8')) as {
  pairs: Pair[];
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

const rows: string[] = [
  '| docs | code | findings | distinct elements | real | wrong | unlabelled |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
const totals = { findings: 0, distinct: 0, real: 0, wrong: 0, unlabelled: 0 };
const toCheck: string[] = [];
const runs = pairs.flatMap((p) => [p, { docs: p.code, code: p.code, labels: {} }]);
for (const { docs, code, labels = {} } of runs) {
  const findings = auditDirs(unpacked(code), unpacked(docs), { history: false });
  const verdicts = findings.map((f) => labels[`${f.page}:${f.line}:${f.element}`]);
  const count = {
    findings: findings.length,
    distinct: new Set(findings.map((f) => `${f.kind}:${f.element}`)).size,
    real: verdicts.filter((v) => v?.startsWith('real')).length,
    wrong: verdicts.filter((v) => v?.startsWith('wrong')).length,
    unlabelled: verdicts.filter((v) => v === undefined).length,
  };
  findings.forEach((f, i) => {
    if (!verdicts[i]) toCheck.push(`${docs} vs ${code}: ${f.page}:${f.line}: ${f.kind} ${f.element} — ${f.reason}`);
  });
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += count[key];
  if (count.findings > 0 || docs !== code)
    rows.push(
      `| ${docs} | ${code} | ${count.findings} | ${count.distinct} | ${count.real} | ${count.wrong} | ${count.unlabelled} |`,
    );
}
const sameRuns = pairs.length;
rows.push(
  `| **all** (${runs.length} runs) | | ${totals.findings} | ${totals.distinct} | ${totals.real} | ${totals.wrong} | ${totals.unlabelled} |`,
);
console.log(rows.join('\n'));
console.log(`\n${sameRuns} packages audited against their own docs; rows without findings there are left out.`);
const judged = totals.real + totals.wrong;
console.log(
  `precision (labelled findings that are real): ${judged ? ((100 * totals.real) / judged).toFixed(1) : '–'} % of ${judged}`,
);
if (toCheck.length > 0) console.log(`\nto check by hand:\n${toCheck.join('\n')}`);
