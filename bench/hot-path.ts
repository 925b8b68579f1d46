/**
 * `npm run bench:hot-path`: latency of the pieces on a run's hot path, measured here rather than in tests.
 * - doc-impact ranking on the evaluation cases (cold index, then cached by revision)
 * - the offline drafter on the same cases
 * - index build and ranking on a large synthetic docs tree
 */
import { performance } from 'node:perf_hooks';
import { rankDocImpact } from '../drafting/impact/rank-doc-impact.js';
import { createOfflineDrafter } from '../drafting/offline/offline-drafter.js';
import type { DocPage } from '../core/change.js';
import { caseIds, loadCase } from './impact/load-cases.js';
import { evalDir } from './impact/run-eval.js';

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const dir = evalDir();
const cases = caseIds(dir).map((id) => loadCase(dir, id));
const cold: number[] = [];
const warm: number[] = [];
const drafts: number[] = [];
const drafter = createOfflineDrafter();
for (const c of cases) {
  cold.push(
    (
      await timed(() => rankDocImpact({ diff: c.diff, message: c.message, pages: c.pages, revision: `bench-${c.id}` }))
    )[1],
  );
  warm.push(
    (
      await timed(() => rankDocImpact({ diff: c.diff, message: c.message, pages: c.pages, revision: `bench-${c.id}` }))
    )[1],
  );
  drafts.push(
    (
      await timed(() =>
        drafter.draft({
          change: { sourceLabel: c.id, commits: [{ sha: '0', message: c.message }], diff: c.diff, files: [] },
          docs: c.pages,
          feedback: [],
        }),
      )
    )[1],
  );
}

const synthetic: DocPage[] = Array.from({ length: 2000 }, (_, i) => ({
  path: `docs/section-${i % 40}/page-${i}.md`,
  text: `# Page ${i}\n\n${Array.from({ length: 40 }, (_, j) => `- \`--option-${i}-${j}\`: sets option ${j} of feature ${i % 97}. Default: \`${j}\`.`).join('\n')}\n`,
}));
const bigDiff = `diff --git a/src/options.ts b/src/options.ts\n--- a/src/options.ts\n+++ b/src/options.ts\n@@ -1,1 +1,2000 @@\n${Array.from({ length: 2000 }, (_, i) => `+  option${i}: process.env.OPTION_${i},`).join('\n')}\n`;
const [, buildAndRank] = await timed(() =>
  rankDocImpact({ diff: bigDiff, message: 'feat: many options', pages: synthetic, revision: 'bench-synthetic' }),
);
const [, rankCached] = await timed(() =>
  rankDocImpact({ diff: bigDiff, message: 'feat: many options', pages: synthetic, revision: 'bench-synthetic' }),
);

console.log(`| measurement (${cases.length} evaluation cases) | p50 | p95 | max |`);
console.log('| --- | --- | --- | --- |');
for (const [name, values] of [
  ['rank, cold index', cold],
  ['rank, cached index', warm],
  ['offline draft (rank + edits)', drafts],
] as const) {
  console.log(
    `| ${name} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 95))} | ${ms(Math.max(...values))} |`,
  );
}
console.log(
  `\n2,000 pages × 40 options, 2,000-line diff: index + rank ${ms(buildAndRank)}, rank with cached index ${ms(rankCached)}`,
);
