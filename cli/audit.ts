import fs from 'node:fs';
import type { AuditFinding } from '../drafting/audit/audit-kinds.js';
import { auditDirs } from '../drafting/audit/audit-dirs.js';

export interface AuditOptions {
  code: string;
  docs: string;
  json?: boolean;
}

const KIND_NOUNS: Record<AuditFinding['kind'], string> = {
  flag: 'flag',
  env: 'env var',
  'config-key': 'config key',
  route: 'route',
  function: 'function',
  path: 'file',
};

/** `docflow audit`: pages naming code elements that no longer exist. A report: findings do not make it fail. */
export function auditCommand(
  options: AuditOptions,
  fail: (message: string) => never,
): { findings: AuditFinding[] } | string[] {
  for (const [flag, dir] of [
    ['--code', options.code],
    ['--docs', options.docs],
  ])
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) fail(`${flag} ${dir} is not a directory`);
  const findings = auditDirs(options.code, options.docs);
  if (options.json) return { findings };
  if (findings.length === 0) return ['no page names a code element that is gone'];
  return [
    ...findings.flatMap((f) => [
      `${f.page}:${f.line}: ${KIND_NOUNS[f.kind]} \`${f.element}\` no longer exists` +
        (f.fix ? ` — renamed to \`${f.fix.to}\` in ${f.fix.commit.slice(0, 7)} (${f.fix.subject})` : ''),
      `    ${f.reason}`,
    ]),
    '',
    `${findings.length} finding${findings.length === 1 ? '' : 's'}, ${findings.filter((f) => f.fix).length} with a rename fix`,
  ];
}
