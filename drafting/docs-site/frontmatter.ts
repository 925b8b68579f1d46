import { parse } from 'yaml';

export interface Frontmatter {
  /** The block's YAML between the `---` lines. */
  yaml: string;
  /** The parsed mapping; undefined when the YAML is invalid or not a mapping. */
  data?: Record<string, unknown>;
  /** Where the body starts after the closing `---` line. */
  bodyStart: number;
}

const BLOCK = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

/** The `---` block a page starts with, if any. */
export function frontmatterOf(text: string): Frontmatter | undefined {
  if (!/^---[ \t]*\r?\n/.test(text)) return undefined;
  const match = BLOCK.exec(text);
  if (!match || match.index !== 0) return undefined;
  let data: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = parse(match[1]!);
    if (parsed === null || parsed === undefined) data = {};
    else if (typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    data = undefined;
  }
  return { yaml: match[1]!, ...(data ? { data } : {}), bodyStart: match[0].length };
}

/** What an edit did to a page's frontmatter that it must not: remove the block, break its YAML, or drop a key. */
export function frontmatterDamage(before: string, after: string): string | undefined {
  const was = frontmatterOf(before);
  if (!was?.data) return undefined;
  const now = frontmatterOf(after);
  if (!now) return 'removes or breaks the page\'s frontmatter (the "---" block at its top); keep it intact';
  if (!now.data) return 'makes the page\'s frontmatter invalid YAML; keep the "---" block valid';
  const dropped = Object.keys(was.data).filter((key) => !(key in now.data!));
  if (dropped.length) return `removes frontmatter key(s) ${dropped.join(', ')}; keep them`;
  return undefined;
}
