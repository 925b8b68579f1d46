import fs from 'node:fs';
import path from 'node:path';

export interface Expected {
  repo: string;
  changed_docs: string[];
  added_docs: string[];
}

export interface CaseScore {
  id: string;
  repo: string;
  relevant: string[];
  r1: number;
  r3: number;
  r5: number;
  mrr: number;
  /** 1-based rank of each relevant page, 0 when not ranked. */
  ranks: Record<string, number>;
}

/** The answer, read only to score a prediction. */
export function readExpected(dir: string, id: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(dir, id, 'expected.json'), 'utf8')) as Expected;
}

/** The set's metric: relevant = changed minus added docs; duplicates count once, at their first position. */
export function scoreCase(id: string, expected: Expected, ranked: string[]): CaseScore {
  const relevant = expected.changed_docs.filter((d) => !expected.added_docs.includes(d));
  const unique = [...new Set(ranked)];
  const recall = (k: number): number =>
    relevant.length === 0 ? 0 : unique.slice(0, k).filter((p) => relevant.includes(p)).length / relevant.length;
  const first = unique.findIndex((p) => relevant.includes(p));
  const ranks = Object.fromEntries(relevant.map((r) => [r, unique.indexOf(r) + 1]));
  return {
    id,
    repo: expected.repo,
    relevant,
    r1: recall(1),
    r3: recall(3),
    r5: recall(5),
    mrr: first < 0 ? 0 : 1 / (first + 1),
    ranks,
  };
}

export interface Summary {
  group: string;
  cases: number;
  /** Cases whose changed docs were all newly added: reported, not averaged. */
  allAdded: number;
  r1: number;
  r3: number;
  r5: number;
  mrr: number;
}

export function summarize(group: string, scores: CaseScore[]): Summary {
  const counted = scores.filter((s) => s.relevant.length > 0);
  const mean = (key: 'r1' | 'r3' | 'r5' | 'mrr'): number =>
    counted.length === 0 ? 0 : counted.reduce((sum, s) => sum + s[key], 0) / counted.length;
  return {
    group,
    cases: counted.length,
    allAdded: scores.length - counted.length,
    r1: mean('r1'),
    r3: mean('r3'),
    r5: mean('r5'),
    mrr: mean('mrr'),
  };
}

export function markdownTable(rows: Summary[]): string {
  const f = (n: number): string => n.toFixed(3);
  const lines = ['| repo | cases | recall@1 | recall@3 | recall@5 | MRR |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.group} | ${r.cases} | ${f(r.r1)} | ${f(r.r3)} | ${f(r.r5)} | ${f(r.mrr)} |`);
  const added = rows[rows.length - 1]?.allAdded ?? 0;
  if (added > 0)
    lines.push('', `${added} case(s) whose changed docs were all newly added are left out of the averages.`);
  return lines.join('\n');
}
