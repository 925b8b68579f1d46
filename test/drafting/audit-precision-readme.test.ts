import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = fs.readFileSync('README.md', 'utf8');
const results = fs.readFileSync('bench/audit/results.md', 'utf8');

/** The findings, distinct elements and real findings of a totals row of the bench's output. */
function totals(label: string) {
  const row = results.split('\n').find((line) => line.startsWith(`| **${label}**`));
  if (!row) throw new Error(`bench/audit/results.md has no "${label}" row`);
  const [findings, distinct, real] = row
    .split('|')
    .map((cell) => cell.trim())
    .filter((cell) => /^\d+$/.test(cell))
    .map(Number);
  return { findings, distinct, real };
}

describe("the README's docs-audit precision is the bench's recorded output", () => {
  it('quotes the tarball and history totals and the overall precision of bench/audit/results.md', () => {
    const tarballs = totals('tarballs');
    const history = totals('with history');
    expect(readme).toContain(
      `| **tarballs** | | **${tarballs.findings} (${tarballs.distinct})** | **${tarballs.real}** |`,
    );
    expect(readme).toContain(`code at head | ${history.findings} (${history.distinct}) | ${history.real} |`);
    const all = tarballs.findings + history.findings;
    const real = tarballs.real + history.real;
    expect(results).toContain(`all: ${all} findings`);
    const precision = /precision \(labelled findings that are real\): ([\d.]+) %/.exec(results)?.[1];
    expect(Number(precision)).toBeCloseTo((100 * real) / all, 1);
    expect(readme).toContain(`| **all** | | **${all}** | **${real}: precision ${Math.round(Number(precision))} %** |`);
  });
});
