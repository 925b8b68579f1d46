import type { DocPage } from '../../core/change.js';
import { linkResolver, linkTargets } from './links.js';
import { readDocPage, type DocEntry } from './read-doc-page.js';

export type { DocEntry, Heading } from './read-doc-page.js';

export interface DocIndex {
  key: string;
  entries: DocEntry[];
  /** Term → number of pages containing it. */
  df: Map<string, number>;
  /** Code name → number of pages using it in code. */
  codeDf: Map<string, number>;
  avgLength: number;
  /** Word token (`legacy`, `LOG_LEVEL`, `retryCount`) → pages whose text has it: finds candidate pages fast. */
  tokenPages: Map<string, number[]>;
}

const TOKEN = /[A-Za-z_$][\w$]*/g;
const MAY_LINK = /\]\(|\]:|href=/;

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The pages whose text has the first word of `name`: only they can mention it. */
export function pagesWithToken(index: DocIndex, name: string): number[] {
  const first = /[A-Za-z_$][\w$]*/.exec(name)?.[0];
  return first ? (index.tokenPages.get(first) ?? []) : index.entries.map((_e, i) => i);
}

/** Reads every page and the statistics across them: document frequencies, tokens and the link graph. */
export function buildDocIndex(key: string, pages: DocPage[]): DocIndex {
  const read = pages.map(readDocPage);
  const resolve = linkResolver(read.map((e) => e.path));
  const entries = read.map((e, from): DocEntry => {
    const links = e.page.lines.flatMap((line, i) =>
      e.page.fenced[i] || !MAY_LINK.test(line)
        ? []
        : linkTargets(line).flatMap((t) => ({ line: i, to: resolve(e.path, t) ?? from })),
    );
    return { ...e, links: links.filter((l) => l.to !== from) };
  });
  const df = new Map<string, number>();
  const codeDf = new Map<string, number>();
  const tokenPages = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const t of e.tf.keys()) count(df, t);
    for (const n of e.codeNames.keys()) count(codeDf, n);
    for (const token of new Set(e.page.text.match(TOKEN))) {
      const list = tokenPages.get(token);
      if (list) list.push(i);
      else tokenPages.set(token, [i]);
    }
  });
  const avgLength = entries.reduce((sum, e) => sum + e.length, 0) / Math.max(1, entries.length);
  return { key, entries, df, codeDf, avgLength, tokenPages };
}
