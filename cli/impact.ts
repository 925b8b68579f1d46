import fs from 'node:fs';
import { rankDocImpact } from '../drafting/impact/rank-doc-impact.js';
import { readDocsDir } from '../drafting/impact/read-docs-dir.js';
import type { ImpactedPage } from '../drafting/drafter.js';

export interface ImpactOptions {
  /** Unified diff file (`-` for stdin). */
  diff: string;
  /** Docs directory; ranked paths are relative to it. */
  docs: string;
  /** File with the commit message, PR text or ticket. */
  message?: string;
  top?: string;
  json?: boolean;
}

const read = (file: string): string => fs.readFileSync(file === '-' ? 0 : file, 'utf8');

/** `docflow impact`: ranks the pages of a local docs tree for a local diff. No API, no key. */
export function impactCommand(options: ImpactOptions): { ranked: ImpactedPage[] } | string[] {
  if (!fs.statSync(options.docs, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`--docs ${options.docs} is not a directory`);
  const top = options.top === undefined ? undefined : Number(options.top);
  if (top !== undefined && !(Number.isInteger(top) && top > 0))
    throw new Error(`--top must be a positive whole number, not ${options.top}`);
  const { ranked } = rankDocImpact({
    diff: read(options.diff),
    ...(options.message ? { message: read(options.message) } : {}),
    pages: readDocsDir(options.docs),
  });
  const shown = ranked.slice(0, top).map(({ path, score, reasons }) => ({ path, score, reasons }));
  if (options.json) return { ranked: shown };
  return shown.length === 0
    ? ['no page matches the change']
    : shown.flatMap((p, i) => [`${i + 1}. ${p.path} (${p.score})`, ...p.reasons.map((r) => `   - ${r}`)]);
}
