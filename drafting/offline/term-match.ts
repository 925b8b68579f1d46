const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `--port` → `port`; other names are their own bare form. */
export const bareName = (term: string): string => term.replace(/^-+/, '');

/** Exact, word-boundary match: `--port` does not match `--port-range`, `/v1/x` does not match `/v1/x/:id`. */
export function termRegex(term: string, flags = 'g'): RegExp {
  const after = term.startsWith('/') ? String.raw`(?![\w$/:-]|\.\w)` : String.raw`(?![\w$-]|\.\w)`;
  return new RegExp(String.raw`(?<![\w-])` + escape(term) + after, flags);
}

export function containsTerm(text: string, term: string): boolean {
  return text.includes(term) && termRegex(term, '').test(text);
}

/** Renames `oldTerm` to `newTerm`, bare forms included (`### port` → `### timeout`, `strictTags` in `--strictTags`). */
export function substituteName(text: string, oldTerm: string, newTerm: string): string {
  // One pass, so a new name that contains the old one (`--port` → `--admin-port`) is not renamed twice.
  const exact = termRegex(oldTerm).source;
  const bare = String.raw`(?<!\w)` + escape(bareName(oldTerm)) + String.raw`(?![\w$-]|\.\w)`;
  return text.replace(new RegExp(`${exact}|${bare}`, 'g'), (m) => (m === oldTerm ? newTerm : bareName(newTerm)));
}

/** Whether the old name still shows in text in any casing, e.g. inside a link target `/config/stricttags`. */
export function hasLeftover(text: string, oldTerm: string): boolean {
  return text.toLowerCase().includes(bareName(oldTerm).toLowerCase());
}
