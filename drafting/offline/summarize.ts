import type { Edit } from '../../core/change.js';
import type { ImpactedPage } from '../drafter.js';
import type { ExtractedSymbols } from './extract-symbols.js';
import { meaningful } from './generic-words.js';
import { mentions, type IndexedPage } from './page-index.js';

const listed = (names: string[]): string =>
  names
    .slice(0, 6)
    .map((n) => `\`${n}\``)
    .join(', ') + (names.length > 6 ? ', …' : '');

/** Why no edit was proposed, in one sentence. */
export function noChangesReason(extracted: ExtractedSymbols, pages: IndexedPage[]): string {
  const symbols = extracted.changed.filter((s) => s.kind !== 'identifier' && meaningful(s));
  if (symbols.length === 0) {
    return 'the change adds, removes or renames no flag, env var, route, export or option key that the docs could document';
  }
  const names = symbols.map((s) => s.previousName ?? s.name);
  const mentioned = names.filter((name, i) => pages.some((p) => mentions(p, symbols[i].kind, name)));
  if (mentioned.length > 0) {
    return (
      `the changed symbols the docs mention (${listed(mentioned)}) are already documented or appear only in prose, ` +
      'not in an entry (list item, table row or heading section) that can be edited exactly'
    );
  }
  return (
    `the change adds no documented symbols: no flag, env var, route or export from the diff (${listed(names)}) ` +
    'appears in the docs, and no page documents a neighbouring one'
  );
}

/**
 * A change with no diff is prose (support conversations, a thread): the offline drafter only drafts
 * from code, so it names the pages a model drafter would start from.
 */
export function proseReason(impacted: ImpactedPage[]): string {
  const pages = impacted.slice(0, 5).map((p) => p.path);
  return (
    'needs_model: the change is conversation text, not a diff, and the offline drafter drafts only from code changes; ' +
    `configure a model drafter (DOCFLOW_LLM_PROVIDER). Pages it concerns: ${pages.length ? listed(pages) : 'none found'}`
  );
}

/** A short markdown account of what the offline drafter did and did not do. */
export function summarize(
  edits: Edit[],
  notes: string[],
  impacted: ImpactedPage[],
  feedback: string[],
  reason?: string,
): string {
  const head = '**Offline drafter** (deterministic, no model):';
  const pages = new Set(edits.map((e) => e.path)).size;
  const parts =
    edits.length > 0
      ? [
          `${head} ${edits.length} edit(s) to ${pages} page(s).`,
          edits.map((e) => `- \`${e.path}\`: ${e.rationale}`).join('\n'),
        ]
      : [`${head} no documentation edits; ${reason}.`];
  if (edits.length === 0 && impacted.length > 0) {
    parts.push(
      `Most related pages: ${impacted
        .slice(0, 3)
        .map((p) => `\`${p.path}\` (${p.score})`)
        .join(', ')}.`,
    );
  }
  if (notes.length > 0) parts.push(`Not edited, for a human to check:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  if (feedback.length > 0) {
    const quoted = feedback.map((f) => `“${f.length > 200 ? `${f.slice(0, 197)}...` : f}”`).join('; ');
    const note = 'Reviewer feedback recorded; the offline drafter does not rewrite prose from feedback';
    parts.push(`${note}: ${quoted}. It needs a model-backed drafter.`);
  }
  return parts.join('\n\n');
}
