import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rankDocImpact } from '../../drafting/impact/rank-doc-impact.js';
import { bm25Baseline } from './bm25-baseline.js';
import { caseIds, loadCase, type EvalCase } from './load-cases.js';
import { readExpected, scoreCase, summarize, type CaseScore, type Summary } from './score.js';

export type Ranker = (c: EvalCase) => string[];

export const RANKERS: Record<string, Ranker> = {
  engine: (c) => rankDocImpact({ diff: c.diff, message: c.message, pages: c.pages }).ranked.map((p) => p.path),
  bm25: bm25Baseline,
};

export interface EvalRun {
  predictions: { case: string; ranked: string[] }[];
  scores: CaseScore[];
  /** One row per repository, then `all (N)`. */
  summaries: Summary[];
}

/** `../shared/evals/doc-impact` next to the repository, unless `DOCFLOW_EVAL_DIR` says otherwise. */
export function evalDir(env: NodeJS.ProcessEnv = process.env): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.resolve(root, env.DOCFLOW_EVAL_DIR ?? path.join('..', 'shared', 'evals', 'doc-impact'));
}

function summarizeRun(scores: CaseScore[]): Summary[] {
  const repos = [...new Set(scores.map((s) => s.repo))].sort();
  return [
    ...repos.map((r) =>
      summarize(
        r,
        scores.filter((s) => s.repo === r),
      ),
    ),
    summarize(`all (${scores.length})`, scores),
  ];
}

/** Runs each ranker on every case (one case at a time, so they share its docs index) and scores them. */
export function runImpactEvals(dir: string, rankers: Record<string, Ranker>): Record<string, EvalRun> {
  const runs = Object.fromEntries(
    Object.keys(rankers).map((name) => [name, { predictions: [], scores: [], summaries: [] } as EvalRun]),
  );
  for (const id of caseIds(dir)) {
    const input = loadCase(dir, id);
    // Predictions come from the case's inputs only; the answer is read afterwards, to score them.
    const ranked = Object.fromEntries(Object.entries(rankers).map(([name, rank]) => [name, rank(input)]));
    const expected = readExpected(dir, id);
    for (const [name, list] of Object.entries(ranked)) {
      runs[name].predictions.push({ case: id, ranked: list });
      runs[name].scores.push(scoreCase(id, expected, list));
    }
  }
  for (const run of Object.values(runs)) run.summaries = summarizeRun(run.scores);
  return runs;
}

export const runImpactEval = (dir: string, ranker: Ranker = RANKERS.engine): EvalRun =>
  runImpactEvals(dir, { ranker }).ranker;
