/** What kind of concrete thing a conversation names. */
export type TermKind = 'flag' | 'env' | 'setting' | 'code' | 'error';

export interface Term {
  /** As written (`--delimiter`, `EXPORT_TIMEOUT_SECONDS`); compared case-insensitively. */
  name: string;
  kind: TermKind;
}

const FLAG = /(?<![\w-])--?[a-z][\w-]{1,40}/gi;
const ENV = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const SETTING = /\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b/g;
const ERROR_CODE = /\b(?:E|ERR)[_-]?\d{2,6}\b/g;
const CODE_SPAN = /`([^`\n]{2,60})`/g;

export const termKind = (name: string): TermKind =>
  /^--?[a-z]/i.test(name)
    ? 'flag'
    : /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(name)
      ? 'env'
      : /^(?:E|ERR)[_-]?\d/.test(name)
        ? 'error'
        : /^[a-z][a-z0-9]*(?:[._][a-z0-9]+)+$/.test(name)
          ? 'setting'
          : 'code';

/**
 * Concrete things a conversation names, which a doc page would name too: flags, environment variables,
 * `code`, dotted or snake_case settings and error codes. Prose words are left out: two tickets about
 * "export" are not about the same thing, two about `--delimiter` are. Placeholders left by the
 * personal-data redaction (`[email]`) are not terms.
 */
export function concreteTerms(text: string): Term[] {
  const found = new Map<string, Term>();
  const add = (raw: string) => {
    const name = raw.trim();
    if (name.length < 3 || name.startsWith('[') || /^\d/.test(name) || /^https?:/i.test(name)) return;
    if (!found.has(name.toLowerCase())) found.set(name.toLowerCase(), { name, kind: termKind(name) });
  };
  for (const m of text.matchAll(CODE_SPAN)) add(m[1]!);
  const plain = text.replace(/https?:\/\/\S+/g, ' ');
  for (const pattern of [FLAG, ENV, SETTING, ERROR_CODE]) for (const m of plain.matchAll(pattern)) add(m[0]);
  return [...found.values()];
}
