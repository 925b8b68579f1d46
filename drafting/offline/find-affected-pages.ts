import type { ChangeContext, ImpactedPage } from '../types.js';
import type { ExtractedSymbols } from './extract-symbols.js';
import { isGeneric, meaningful } from './generic-words.js';
import type { LineIndex } from './line-index.js';
import { documentedNeighbours } from './neighbours.js';
import { NOUNS, mentions, type IndexedPage } from './page-index.js';

const IDENTIFIER_CAP = 3;
const WORDS_CAP = 1.5;
const GENERIC_STEMS = new Set(['index', 'readme', 'docs', 'doc', 'src', 'lib', 'main', 'changelog', 'guide', 'intro']);

type Add = (score: number, reason: string, capped?: boolean) => void;

function symbolSignals(page: IndexedPage, extracted: ExtractedSymbols, index: LineIndex, add: Add): void {
  for (const symbol of extracted.changed.filter(meaningful)) {
    const noun = NOUNS[symbol.kind];
    const weak = symbol.kind === 'identifier';
    if (symbol.change === 'removed' && mentions(page, symbol.kind, symbol.name)) {
      add(weak ? 2 : 5, `mentions removed ${noun} \`${symbol.name}\``, weak);
    } else if (symbol.change === 'renamed' && symbol.previousName && mentions(page, symbol.kind, symbol.previousName)) {
      add(weak ? 2 : 5, `mentions renamed ${noun} \`${symbol.previousName}\` (now \`${symbol.name}\`)`, weak);
    } else if (mentions(page, symbol.kind, symbol.name)) {
      add(1, `mentions ${symbol.change} ${noun} \`${symbol.name}\``, weak);
    } else if (symbol.change === 'added' && !weak) {
      const names = documentedNeighbours(symbol, extracted, page, index)?.found.map((f) => `\`${f.neighbour.name}\``) ?? [];
      const reason = `documents neighbouring ${noun} ${names.slice(0, 3).join(', ')} of added \`${symbol.name}\``;
      if (names.length > 0) add(Math.min(5, 2 + names.length), reason);
    }
  }
}

function messageWords(change: ChangeContext): string[] {
  const text = [...change.commits.map((c) => c.message), change.note ?? ''].join('\n');
  const words = (text.match(/[A-Za-z][A-Za-z0-9_-]{4,}/g) ?? []).map((w) => w.toLowerCase()).filter((w) => !isGeneric(w));
  return [...new Set(words)].sort();
}

/** Scores every page by how likely the change affects it; pages with no signal are left out. */
export function findAffectedPages(
  extracted: ExtractedSymbols,
  change: ChangeContext,
  pages: IndexedPage[],
  changedPaths: string[],
  index: LineIndex,
): ImpactedPage[] {
  const words = messageWords(change);
  const segments = changedPaths.map((p) => ({ p, parts: p.toLowerCase().split(/[/._-]+/) }));
  const impacted: ImpactedPage[] = [];
  for (const page of pages) {
    let score = 0;
    let identifiers = 0;
    const reasons: string[] = [];
    const add = (points: number, reason: string, capped = false): void => {
      if (capped && (identifiers += points) > IDENTIFIER_CAP) return;
      score += points;
      reasons.push(reason);
    };
    symbolSignals(page, extracted, index, add);
    const lower = page.text.toLowerCase();
    const shared = words.filter((w) => new RegExp(`(?<![\\w-])${w}(?![\\w-])`).test(lower));
    if (shared.length > 0) add(Math.min(WORDS_CAP, shared.length * 0.25), `shares commit-message words: ${shared.slice(0, 5).join(', ')}`);
    const stem = (page.path.split('/').pop() ?? '').replace(/\.[^.]+$/, '').toLowerCase();
    const affinity = stem.length >= 3 && !GENERIC_STEMS.has(stem) ? segments.find((s) => s.parts.includes(stem)) : undefined;
    if (affinity) add(1, `page name \`${stem}\` matches changed file \`${affinity.p}\``);
    if (score > 0) impacted.push({ path: page.path, score: Math.round(score * 100) / 100, reasons });
  }
  return impacted.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
}
