import type { DocPage } from '../../core/change.js';
import type { ImpactedPage } from '../drafter.js';
import { bm25 } from './bm25.js';
import { changeNames } from './change-names.js';
import type { DocIndex } from './doc-index.js';
import { docIndexFor } from './index-cache.js';
import { Evidence } from './evidence.js';
import { diffQuery, messageQuery, type LexicalQuery } from './lexical-query.js';
import { entryLinkSignals } from './link-signals.js';
import { nameSignals } from './name-signals.js';
import { pathSignals } from './path-signals.js';
import { readChange } from './read-change.js';
import { symbolSignals } from './symbol-signals.js';
import { messageSignals } from './message-signals.js';
import { phraseSignals } from './phrase-signals.js';
import { titleSignals } from './title-signals.js';

export interface ImpactInput {
  diff: string;
  /** Commit message, PR text, thread or ticket. */
  message?: string;
  pages: DocPage[];
  /** Docs revision: the index of the pages is cached under it. Without it, under a hash of the pages. */
  revision?: string;
  /** Head contents of changed code files (path → text), when known: they show which symbols stay. */
  contents?: ReadonlyMap<string, string>;
}

/** Points the best lexical match gets; others get their share of it. */
const LEXICAL = 3;

/**
 * Ranks the pages a change should update, best first, each with the reasons it matched; pages without any signal
 * are left out. Every signal adds points to a page. Pointed evidence (a deleted or renamed symbol the page mentions,
 * documented neighbours of an added one, names from the message, the page named like the change, deleted prose
 * the page repeats) counts in absolute, capped points; the two BM25 rankings (diff, message) count relative to
 * their best page, so a long, noisy diff weighs no more than a short one.
 */
export function rankDocImpact(input: ImpactInput): { ranked: ImpactedPage[] } {
  const index = docIndexFor(input.pages, input.revision);
  const change = readChange(input.diff, input.message);
  const names = changeNames(change);
  const evidence = new Evidence();
  symbolSignals(index, change.files, input.contents ?? new Map(), evidence);
  nameSignals(index, names, evidence);
  pathSignals(index, change, names, evidence);
  phraseSignals(index, change, evidence);
  messageSignals(index, change.message, evidence);
  entryLinkSignals(index, names, evidence);
  titleSignals(index, change, evidence);
  lexical(index, diffQuery(change), LEXICAL, 'shares words with the diff', evidence);
  lexical(index, messageQuery(change), LEXICAL, 'shares words with the message', evidence);
  const ranked = evidence
    .pages()
    .map((i) => ({ path: index.entries[i].path, score: evidence.total(i), reasons: evidence.reasonsOf(i) }))
    .map((p) => ({ ...p, score: Math.round(p.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return { ranked };
}

function lexical(index: DocIndex, query: LexicalQuery, weight: number, label: string, evidence: Evidence): void {
  const hits = bm25(index, query.weights);
  const top = Math.max(0, ...hits.map((h) => h.score));
  hits.forEach((hit, i) => {
    const words = hit.top.map((t) => query.words.get(t) ?? t);
    if (top > 0) evidence.add(i, (weight * hit.score) / top, `${label}: ${words.join(', ')}`);
  });
}
