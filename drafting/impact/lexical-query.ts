import type { ChangeInfo } from './read-change.js';
import { termsAndWords } from './words.js';

export interface LexicalQuery {
  /** Term → weight. */
  weights: Map<string, number>;
  /** Term → a word it came from, to show in reasons (`instance`, not the stem `instanc`). */
  words: Map<string, string>;
}

function query(parts: [text: string, weight: number][]): LexicalQuery {
  const weights = new Map<string, number>();
  const words = new Map<string, string>();
  for (const [text, weight] of parts) {
    const pairs = termsAndWords(text);
    for (const [term, word] of pairs) if (!words.has(term)) words.set(term, word);
    for (const term of new Set(pairs.map(([t]) => t))) weights.set(term, (weights.get(term) ?? 0) + weight);
  }
  return { weights, words };
}

/** Query terms of the code change: the changed lines and the changed paths. */
export const diffQuery = (change: ChangeInfo): LexicalQuery =>
  query([
    [[...change.added, ...change.removed].join('\n'), 1],
    [change.paths.join('\n'), 1],
  ]);

/** Query terms of what the author wrote about the change: the message, its subject counting double. */
export const messageQuery = (change: ChangeInfo): LexicalQuery =>
  query([
    [change.message.subject, 2],
    [change.message.body, 1],
  ]);

/** The plain baseline's single query: changed lines, paths and message together. */
export const lexicalQuery = (change: ChangeInfo): LexicalQuery =>
  query([
    [[...change.added, ...change.removed].join('\n'), 1],
    [change.paths.join('\n'), 1],
    [change.message.subject, 2],
    [change.message.body, 1],
  ]);
