import { diffFilePath, parseUnifiedDiff, type DiffHunk } from '../diff/parse-unified-diff.js';
import type { DocPage } from '../../core/change.js';
import type { DraftInput, ImpactedPage } from '../drafter.js';

/** Rough token count (≈ 4 characters a token): budgets are planned with it, providers report the truth. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export interface PackedHunk {
  path: string;
  hunk: DiffHunk;
  rendered: string;
}

/** A document the change refers to (an issue), as far as it was shown: citable lines 1..lines.length. */
export interface PackedReference {
  id: string;
  url?: string;
  lines: string[];
}

export interface PackedContext {
  /** The prompt sections, in order. */
  text: string;
  hunks: PackedHunk[];
  references: PackedReference[];
  pages: DocPage[];
  omitted: string[];
  estimatedTokens: number;
}

function renderHunk(path: string, hunk: DiffHunk): string {
  const lines = hunk.lines.map((l) => {
    const number = l.kind === 'remove' ? `old ${l.oldLine}` : `new ${l.newLine}`;
    const mark = l.kind === 'add' ? '+' : l.kind === 'remove' ? '-' : ' ';
    return `${number.padEnd(9)}${mark} ${l.text}`;
  });
  return `--- ${path} @@ ${hunk.section}\n${lines.join('\n')}`;
}

const changedText = (hunk: DiffHunk) =>
  hunk.lines
    .filter((l) => l.kind !== 'context')
    .map((l) => l.text)
    .join('\n');

/**
 * Fits the change and the docs into `budgetTokens`: the most relevant hunks (those naming words of the
 * top-ranked pages, then the smallest) and the highest-ranked pages whole, and a note of what was
 * left out, so that even a 2,000-line diff yields a prompt of bounded size.
 */
export function packContext(input: DraftInput, impacted: ImpactedPage[], budgetTokens: number): PackedContext {
  const omitted: string[] = [];
  const clip = (text: string, tokens: number, what: string) => {
    if (estimateTokens(text) <= tokens) return text;
    omitted.push(`${what} was shortened`);
    return `${text.slice(0, tokens * 4)}\n[… shortened]`;
  };
  const messages = clip(
    [...input.change.commits.map((c) => `commit ${c.sha.slice(0, 12)}: ${c.message}`), input.change.note ?? '']
      .filter(Boolean)
      .join('\n\n'),
    Math.floor(budgetTokens * 0.08),
    'the commit messages and note',
  );
  const guidance = clip(
    [
      input.styleGuide ? `Style guide:\n${input.styleGuide}` : '',
      input.projectFeedback?.length
        ? `Reviewers of this project asked before (apply where relevant):\n${input.projectFeedback.map((f) => `- ${f}`).join('\n')}`
        : '',
      input.feedback.length
        ? `The reviewer asked for these changes to the previous draft:\n${input.feedback.map((f) => `- ${f}`).join('\n')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    Math.floor(budgetTokens * 0.1),
    'the style guide and feedback',
  );
  const references = packReferences(input, Math.floor(budgetTokens * 0.12), omitted);
  const referenceText = references.length
    ? `## Documents the change refers to (cite one by its id as path, side "new" and line numbers)\n${references
        .map((r) => `=== ${r.heading}\n${r.lines.map((l, i) => `${String(i + 1).padEnd(5)}| ${l}`).join('\n')}`)
        .join('\n\n')}`
    : '';
  const notes = input.change.contextNotes?.length
    ? `## Context left out\n${input.change.contextNotes.map((n) => `- ${n}`).join('\n')}`
    : '';
  let remaining =
    budgetTokens -
    estimateTokens(messages) -
    estimateTokens(guidance) -
    estimateTokens(referenceText) -
    estimateTokens(notes) -
    1200; // instructions and schema

  const rank = new Map(impacted.map((p, i) => [p.path, i]));
  const pagesByRank = [...input.docs].sort(
    (a, b) => (rank.get(a.path) ?? 1e9) - (rank.get(b.path) ?? 1e9) || a.path.localeCompare(b.path),
  );
  const topWords = new Set(
    pagesByRank
      .slice(0, 3)
      .flatMap((p) => p.text.match(/[A-Za-z_][\w-]{3,}/g) ?? [])
      .map((w) => w.toLowerCase()),
  );
  const allHunks = parseUnifiedDiff(input.change.diff).flatMap((file) =>
    file.hunks.map((hunk) => ({ path: diffFilePath(file), hunk, rendered: renderHunk(diffFilePath(file), hunk) })),
  );
  const relevance = (h: PackedHunk) =>
    (changedText(h.hunk).match(/[A-Za-z_][\w-]{3,}/g) ?? []).filter((w) => topWords.has(w.toLowerCase())).length;
  const hunkOrder = [...allHunks].sort((a, b) => relevance(b) - relevance(a) || a.rendered.length - b.rendered.length);

  const hunkBudget = Math.floor(remaining * 0.45);
  const hunks: PackedHunk[] = [];
  let used = 0;
  for (const h of hunkOrder) {
    const cost = estimateTokens(h.rendered);
    if (used + cost > hunkBudget) continue;
    hunks.push(h);
    used += cost;
  }
  remaining -= used;
  const leftHunks = allHunks.filter((h) => !hunks.includes(h));
  if (leftHunks.length)
    omitted.push(`${leftHunks.length} diff hunk(s) in ${[...new Set(leftHunks.map((h) => h.path))].join(', ')}`);

  const pages: DocPage[] = [];
  for (const page of pagesByRank) {
    const cost = estimateTokens(page.text) + 20;
    if (cost > remaining) continue;
    pages.push(page);
    remaining -= cost;
  }
  const leftPages = input.docs.filter((p) => !pages.includes(p));
  if (leftPages.length)
    omitted.push(
      `${leftPages.length} doc page(s): ${leftPages
        .slice(0, 20)
        .map((p) => p.path)
        .join(', ')}${leftPages.length > 20 ? ', …' : ''}`,
    );

  const ordered = [...hunks].sort((a, b) => allHunks.indexOf(a) - allHunks.indexOf(b));
  const text = [
    `## Change: ${input.change.sourceLabel}`,
    messages,
    referenceText,
    notes,
    guidance,
    `## Diff (cite lines by path, side and number)\n${ordered.map((h) => h.rendered).join('\n\n') || '(no diff)'}`,
    `## Documentation pages (ranked by likely impact)\n${pages.map((p) => `=== page: ${p.path}\n${p.text}`).join('\n\n') || '(none fit)'}`,
    omitted.length ? `## Left out to fit the token budget\n${omitted.map((o) => `- ${o}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    text,
    hunks: ordered,
    references: references.map(({ id, url, lines }) => ({ id, url, lines })),
    pages,
    omitted,
    estimatedTokens: budgetTokens - remaining,
  };
}

/** The change's references, each shortened to its share of `budgetTokens` (whole lines, numbered from 1). */
function packReferences(
  input: DraftInput,
  budgetTokens: number,
  omitted: string[],
): (PackedReference & { heading: string })[] {
  const all = input.change.references ?? [];
  const share = all.length ? Math.floor(budgetTokens / all.length) : 0;
  return all.map((r) => {
    const lines = r.text.split('\n');
    const kept: string[] = [];
    let used = 0;
    for (const line of lines) {
      used += estimateTokens(line) + 2;
      if (used > share) break;
      kept.push(line);
    }
    if (kept.length < lines.length) omitted.push(`${r.id} was shortened`);
    return { id: r.id, url: r.url, lines: kept, heading: `${r.kind} ${r.id}: ${r.title}${r.url ? ` (${r.url})` : ''}` };
  });
}
