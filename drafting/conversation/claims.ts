import { splitTableRow } from '../offline/markdown-lines.js';
import { containsTerm } from '../offline/term-match.js';

/** A value a text states for one attribute of a term: "`--delimiter` defaults to `;`", "the maximum is 300". */
export interface Claim {
  attribute: 'default' | 'maximum' | 'minimum';
  value: string;
}

const ATTRIBUTE: [RegExp, Claim['attribute']][] = [
  [/^(?:defaults?|default value)$/i, 'default'],
  [/^(?:max|maximum|limit|up to|at most|capped at)$/i, 'maximum'],
  [/^(?:min|minimum|at least)$/i, 'minimum'],
];
const STATEMENT =
  /\b(defaults?|default value|max|maximum|limit|min|minimum|up to|at most|at least|capped at)\b(?:\s+(?:value|is|are|was|of|to|now|:|=)\b)*\s*[:=]?\s*(`[^`\n]+`|"[^"\n]+"|[-+]?\d[\d.,]*|[A-Za-z_][\w.:/-]*)/gi;
const NOT_A_VALUE = /^(?:the|a|an|is|it|this|that|value|of|to|none|be|and|or|for|in|on)$/i;

const attributeOf = (word: string): Claim['attribute'] | undefined =>
  ATTRIBUTE.find(([pattern]) => pattern.test(word.trim()))?.[1];

/** A value as written, without quotes or code marks, for comparing: "`30`" and "30" are the same value. */
export const plainValue = (value: string): string =>
  value
    .replace(/^[`"]|[`"]$/g, '')
    .replace(/[.,]$/, '')
    .trim();

/** The claims a sentence makes, in order. */
export function claimsIn(sentence: string): (Claim & { raw: string })[] {
  const claims: (Claim & { raw: string })[] = [];
  for (const m of sentence.matchAll(STATEMENT)) {
    const attribute = attributeOf(m[1]!);
    const raw = m[2]!.replace(/[.,;:]$/, '');
    if (!attribute || NOT_A_VALUE.test(plainValue(raw)) || !plainValue(raw)) continue;
    claims.push({ attribute, value: plainValue(raw), raw });
  }
  return claims;
}

/** Sentences of a message that name the term (a line break or `.`, `!`, `?` followed by a space ends one). */
export function sentencesNaming(text: string, term: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z`"])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s && containsTerm(s, term));
}

/** What a doc line says of the attribute: a statement in it, or the cell under a matching column of its table. */
export function documentedValue(
  line: string,
  header: string[] | undefined,
  attribute: Claim['attribute'],
): { raw: string; value: string } | undefined {
  if (header && line.trim().startsWith('|')) {
    const cells = splitTableRow(line);
    const column = header.findIndex((h) => attributeOf(h.replace(/[*_`]/g, '')) === attribute);
    const cell = column >= 0 ? cells[column]?.trim() : undefined;
    if (cell && plainValue(cell)) return { raw: cell, value: plainValue(cell) };
  }
  const stated = claimsIn(line).find((c) => c.attribute === attribute);
  return stated ? { raw: stated.raw, value: stated.value } : undefined;
}
