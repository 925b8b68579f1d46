import type { Edit } from '../../core/change.js';
import type { ImpactedPage } from '../drafter.js';
import { buildEntry } from '../offline/entry-shape.js';
import { ENTRY_LABELS, type MdEntry } from '../offline/markdown-entries.js';
import { LIST_ITEM } from '../offline/markdown-lines.js';
import { toEdits, type LineChange } from '../offline/page-changes.js';
import { indexPage, type IndexedPage } from '../offline/page-index.js';
import { placeEntry } from '../offline/place-entry.js';
import type { DocPage } from '../../core/change.js';
import type { Assessment, Finding } from './assess.js';
import { termKind } from './terms.js';

const cited = (f: Finding) => f.sources.join(', ');
const code = (value: string) => `\`${value}\``;
const statement: Record<string, string> = { default: 'Defaults to', maximum: 'At most', minimum: 'At least' };

/** The documented value replaced by support's, in the same markup (a code span stays a code span). */
function correction(page: IndexedPage, f: Finding): LineChange | undefined {
  const line = page.lines[f.line!]!;
  const raw = f.documented!.raw;
  if (line.split(raw).length !== 2) return undefined;
  const next = raw.startsWith('`') ? code(f.claim!.value) : raw.replace(f.documented!.value, f.claim!.value);
  return {
    start: f.line!,
    end: f.line! + 1,
    lines: [line.replace(raw, next)],
    rationale:
      `The page gives ${code(f.term.name)} a ${f.claim!.attribute} of ${code(f.documented!.value)}, ` +
      `but support answered ${code(f.claim!.value)} (${cited(f)}).`,
    citations: f.citations,
  };
}

/** What support said the page leaves out, appended to the term's list item as one sentence. */
function addition(page: IndexedPage, f: Finding): LineChange | undefined {
  const line = page.lines[f.line!]!;
  if (!LIST_ITEM.test(line) || !f.claim) return undefined;
  const sentence = `${statement[f.claim.attribute]} ${code(f.claim.value)}.`;
  return {
    start: f.line!,
    end: f.line! + 1,
    lines: [`${line.replace(/\s*$/, '')}${/[.!?]$/.test(line.trim()) ? ' ' : '. '}${sentence}`],
    rationale: `Support had to tell customers the ${f.claim.attribute} of ${code(f.term.name)} (${cited(f)}); the page does not say it.`,
    citations: f.citations,
  };
}

/** The last entry of the page documenting a thing of the term's kind: where a new entry goes, in its format. */
function neighbourOf(page: IndexedPage, f: Finding): { entry: MdEntry; name: string } | undefined {
  const entries = page.entries.filter(
    (e) => e.kind !== 'heading-section' && e.tokens.some((t) => termKind(t) === f.term.kind),
  );
  const entry = entries[entries.length - 1];
  return entry && { entry, name: entry.tokens.find((t) => termKind(t) === f.term.kind)! };
}

/** A new entry for a term no page documents, in the most related page that documents things of its kind. */
function newEntry(pages: IndexedPage[], f: Finding): (LineChange & { page: string }) | undefined {
  for (const page of pages) {
    const neighbour = neighbourOf(page, f);
    if (!neighbour) continue;
    const description = f.answer?.replace(/^(?:Agent|Answer):\s*/i, '');
    const built = buildEntry(page.lines, neighbour.entry, neighbour.name, {
      term: f.term.name,
      ...(description ? { description } : {}),
    });
    const placed = placeEntry(page.lines, neighbour.entry, 'after', built);
    return {
      page: page.path,
      start: placed.at,
      end: placed.at,
      lines: placed.lines,
      rationale:
        `Customers asked about ${code(f.term.name)} and no page documents it (${cited(f)}); it gets a ` +
        `${ENTRY_LABELS[neighbour.entry.kind]} after the one for ${code(neighbour.name)}, in the same format, ` +
        (description ? "described with support's answer, for a reviewer to check." : 'with a TODO description.'),
      citations: f.citations,
    };
  }
  return undefined;
}

/** New entries placed at the same point become one insertion, in the order they were found. */
function joinInsertions(changes: LineChange[]): LineChange[] {
  const joined: LineChange[] = [];
  for (const change of changes) {
    const same = joined.find((c) => c.start === c.end && change.start === change.end && c.start === change.start);
    if (!same) joined.push({ ...change });
    else
      Object.assign(same, {
        lines: [...same.lines, ...change.lines],
        rationale: `${same.rationale} ${change.rationale}`,
        citations: [...same.citations, ...change.citations],
      });
  }
  return joined;
}

/**
 * Offline edits for what conversations showed: contradictions corrected, missing defaults and limits added to
 * their entries, undocumented flags, variables and settings given an entry next to their documented kin. What it
 * cannot draft is returned as notes.
 */
export function draftFromFindings(
  assessment: Assessment,
  docs: DocPage[],
  impacted: ImpactedPage[],
): { edits: Edit[]; notes: string[] } {
  const rank = new Map(impacted.map((p, i) => [p.path, i]));
  const pages = [...docs]
    .sort((a, b) => (rank.get(a.path) ?? Infinity) - (rank.get(b.path) ?? Infinity) || a.path.localeCompare(b.path))
    .map(indexPage);
  const byPath = new Map(pages.map((p) => [p.path, p]));
  const changes = new Map<string, LineChange[]>();
  const notes: string[] = [];
  const add = (path: string, change: LineChange) => changes.set(path, [...(changes.get(path) ?? []), change]);
  for (const f of assessment.findings) {
    if (f.kind === 'covered') continue;
    const page = f.page ? byPath.get(f.page) : undefined;
    if (f.kind === 'contradiction' && page) {
      const change = correction(page, f);
      if (change) add(page.path, change);
      else
        notes.push(
          `\`${f.page}\` gives ${code(f.term.name)} a ${f.claim!.attribute} support corrected (${cited(f)}); not edited.`,
        );
    } else if (page) {
      const change = addition(page, f);
      if (change) add(page.path, change);
      else notes.push(`\`${f.page}\` documents ${code(f.term.name)} without what support answered (${cited(f)}).`);
    } else {
      const change = newEntry(pages, f);
      if (change) add(change.page, change);
      else
        notes.push(`${code(f.term.name)} is asked about (${cited(f)}) and no page documents it or anything like it.`);
    }
  }
  const edits = [...changes].flatMap(([path, list]) => toEdits(path, byPath.get(path)!.text, joinInsertions(list)));
  return { edits, notes };
}
