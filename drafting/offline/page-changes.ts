import { applyEdits, countOccurrences } from '../apply-edits.js';
import type { Citation, Edit } from '../../core/change.js';

/** Replace page lines [start, end) with `lines`; start === end inserts. */
export interface LineChange {
  start: number;
  end: number;
  lines: string[];
  rationale: string;
  citations: Citation[];
}

/** Page lines without the final newline's empty tail. */
export function splitPage(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

function merge(a: LineChange, b: LineChange, lines: string[]): LineChange {
  const seen = new Set<string>();
  const citations = [...a.citations, ...b.citations].filter(
    (c) => !seen.has(JSON.stringify(c)) && !!seen.add(JSON.stringify(c)),
  );
  return {
    start: a.start,
    end: Math.max(a.end, b.end),
    lines: [...a.lines, ...lines.slice(a.end, Math.max(a.end, b.start)), ...b.lines],
    rationale: a.rationale === b.rationale ? a.rationale : `${a.rationale} ${b.rationale}`,
    citations,
  };
}

/** Sorts changes and merges the ones that touch; a change overlapping an earlier one is dropped. */
function normalize(changes: LineChange[], lines: string[]): LineChange[] {
  // By start; at the same start, insertions first, then the longer change.
  const insertion = (c: LineChange): number => Number(c.start === c.end);
  const sorted = [...changes].sort((a, b) => a.start - b.start || insertion(b) - insertion(a) || b.end - a.end);
  const out: LineChange[] = [];
  for (const change of sorted) {
    const last = out[out.length - 1];
    if (last && change.start < last.end) continue;
    if (last && change.start <= last.end) out[out.length - 1] = merge(last, change, lines);
    else out.push(change);
  }
  return out;
}

/** Grows [start, end) line by line (up first) until the text it covers occurs exactly once. */
function uniqueRange(change: LineChange, lines: string[], text: string, offsets: number[]): [number, number] {
  let [s, e] = [change.start, change.end];
  for (let up = true; ; up = !up) {
    const before = text.slice(offsets[s], offsets[e]);
    if ((before !== '' && countOccurrences(text, before) === 1) || (s === 0 && e === lines.length)) return [s, e];
    if ((up && s > 0) || e === lines.length) s--;
    else e++;
  }
}

/** Turns line changes on one page into exact, non-overlapping edits whose `before` occurs exactly once. */
export function toEdits(path: string, text: string, changes: LineChange[]): Edit[] {
  const lines = splitPage(text);
  const offsets = [0];
  for (const line of lines) offsets.push(Math.min(offsets[offsets.length - 1] + line.length + 1, text.length));
  // New lines follow the page's line endings (split on \n leaves \r on CRLF lines).
  const eol = (line: string): string => (text.includes('\r\n') && !line.endsWith('\r') ? `${line}\r` : line);
  let pending = normalize(changes, lines).map((c) => ({ ...c, lines: c.lines.map(eol) }));
  for (;;) {
    const ranges = pending.map((c) => uniqueRange(c, lines, text, offsets));
    const clash = ranges.findIndex(([s], i) => i > 0 && s < ranges[i - 1][1]);
    if (clash > 0) {
      pending.splice(clash - 1, 2, merge(pending[clash - 1], pending[clash], lines));
      continue;
    }
    const edits = pending.map((change, i): Edit => {
      const [s, e] = ranges[i];
      const before = text.slice(offsets[s], offsets[e]);
      const next = [...lines.slice(s, change.start), ...change.lines, ...lines.slice(change.end, e)];
      const after = next.length === 0 ? '' : next.join('\n') + (before.endsWith('\n') ? '\n' : '');
      return { path, before, after, rationale: change.rationale, citations: change.citations };
    });
    if (edits.length <= 1) return edits;
    try {
      applyEdits({ [path]: text }, edits);
      return edits;
    } catch {
      // An earlier edit's result made a later `before` ambiguous: fall back to one edit.
      pending = [pending.reduce((a, b) => merge(a, b, lines))];
    }
  }
}
