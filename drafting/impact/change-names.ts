import type { ChangeInfo } from './read-change.js';
import { namesIn } from './words.js';

export type NameSource = 'message' | 'removed code' | 'changed lines' | 'enclosing code' | 'nearby lines';

/** A code name the change points at, and how strongly. */
export interface ChangeName {
  name: string;
  weight: number;
  from: NameSource;
}

const FLAG = /^--?[A-Za-z][\w.-]*$/;
const CODE_WORD =
  /(?<![\w$.-])(?:[a-z][a-z\d]*(?:[A-Z][a-z\d]*)+|[A-Z][a-z\d]+(?:[A-Z][a-z\d]*)+|[a-z][a-z\d]*(?:_[a-z\d]+)+|[A-Z][A-Z\d]*(?:_[A-Z\d]+)+)(?![\w$])/g;

/** Names in the message (code spans, flags, camelCase words), on changed lines, around them and enclosing them. */
export function changeNames(change: ChangeInfo): ChangeName[] {
  const byName = new Map<string, ChangeName>();
  const put = (name: string, weight: number, from: NameSource): void => {
    const known = byName.get(name);
    if (!known || known.weight < weight) byName.set(name, { name, weight, from });
  };
  const { spans, subject, body } = change.message;
  for (const span of spans) {
    // A span that is one bare name is code, even when it is an English word (`only`).
    if (FLAG.test(span) || /^[A-Za-z_$][\w$]+$/.test(span)) put(span, 2.5, 'message');
    for (const name of namesIn(span.replace(/(?<![\w-])--?[A-Za-z][\w.-]*/g, ' '))) put(name, 2.5, 'message');
  }
  for (const [word] of `${subject}\n${body}`.matchAll(CODE_WORD)) put(word, 2, 'message');
  for (const name of change.removedNames) put(name, 2, 'removed code');
  for (const name of [...change.addedNames, ...change.changedNames]) put(name, 1, 'changed lines');
  for (const name of change.sectionNames) put(name, 0.7, 'enclosing code');
  for (const name of change.contextNames) put(name, 0.35, 'nearby lines');
  return [...byName.values()];
}
