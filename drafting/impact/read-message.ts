/** The parts of a commit message, PR text or ticket that say what changed. */
export interface MessageInfo {
  subject: string;
  /** The rest, without trailers such as `Co-authored-by:`. */
  body: string;
  /** `` `retryCount` ``, `--dry-run`: names written as code. */
  spans: string[];
  /** Conventional-commit scope: `fix(cache): …` → `cache`. */
  scope?: string;
  /** `feat!:` or a `BREAKING CHANGE` note. */
  breaking: boolean;
}

const TRAILER = /^[\w-]+(?:-by|-authored-by):\s/i;
const CONVENTIONAL = /^\s*(\w+)(?:\(([^)]*)\))?(!)?:\s*/;

/** Splits a message into subject and body and picks out its code names, conventional-commit scope and breaking mark. */
export function readMessage(text: string): MessageInfo {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .filter((l) => !TRAILER.test(l.trim()));
  const [first = '', ...rest] = lines;
  const conventional = CONVENTIONAL.exec(first);
  const subject = first
    .replace(CONVENTIONAL, '')
    .replace(/\(#\d+\)/g, ' ')
    .trim();
  const body = rest.join('\n').trim();
  const flags = [...`${subject}\n${body}`.matchAll(/(?<![\w-])--?[A-Za-z][\w.-]*/g)].map(([f]) => f);
  const spans = [...`${subject}\n${body}`.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
  return {
    subject,
    body,
    spans: [...new Set([...spans, ...flags])].filter(Boolean),
    ...(conventional?.[2] ? { scope: conventional[2].trim() } : {}),
    breaking: Boolean(conventional?.[3]) || /BREAKING[ -]CHANGE/.test(text),
  };
}
