import { splitCodeLine } from './code-line.js';

export type SymbolKind = 'flag' | 'env' | 'route' | 'export' | 'key' | 'identifier';

export interface LineSymbol {
  kind: SymbolKind;
  /** What docs would contain: `--port`, `LOG_LEVEL`, `/v1/users/:id`, `retryCount`. */
  name: string;
  /** Short alias of a flag, e.g. `-p`. */
  alias?: string;
  /** The flag's usage string from the code, e.g. `-p, --port <n>`. */
  usage?: string;
  /** HTTP method of a route, upper case. */
  method?: string;
}

const LONG_FLAG = /(?<![\w-])--[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*/g;
const SHORT_FLAG = /(?<![\w-])-[A-Za-z](?![\w-])/;
export const FLAG_USAGE = /^(?:-[A-Za-z],?\s+)?--[\w.-]+(?:[ =](?:<[^>]+>|\[[^\]]+\]))*$/;
const ENV_PATTERNS = [
  /\benv\.([A-Z_][A-Z0-9_]*)\b/g,
  /\b(?:env|environ)\[\s*['"`]([A-Z_][A-Z0-9_]*)['"`]\s*\]/g,
  /\b(?:getenv|environ\.get|env\.get)\(\s*['"`]([A-Z_][A-Z0-9_]*)['"`]/g,
];
const ENV_DESTRUCTURE = /\{([^}]*)\}\s*=\s*(?:process\.|import\.meta\.)?env\b/;
const ROUTE = new RegExp(
  String.raw`\b(app|router|server|api|fastify|routes?|\w*Router|\w*App)\.(get|post|put|patch|delete|del|head|options|all)` +
    String.raw`\(\s*['"\x60](\/[^'"\x60]*)['"\x60]`,
  'g',
);
const EXPORTS = [
  /\bexport\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g,
  /\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g,
  /\bexport\s+(?:default\s+)?(?:abstract\s+)?(?:class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g,
  /\bmodule\.exports\.([A-Za-z_$][\w$]*)\s*=(?!=)/g,
  /(?<![.\w])exports\.([A-Za-z_$][\w$]*)\s*=(?!=)/g,
];
const EXPORT_LIST = /\bexport\s*\{([^}]*)\}/;
const KEY = /^\s*(?:readonly\s+)?(['"]?)([A-Za-z_$][\w$-]*)\1\??\s*:(?!:)/;
const IDENTIFIER = /(?<![\w$])(?:[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w$])/g;

/** Recognises the symbols a single line of code mentions. */
export function scanLine(line: string): LineSymbol[] {
  const { code, bare, strings } = splitCodeLine(line);
  const found: LineSymbol[] = [];
  const push = (symbol: LineSymbol): void => {
    if (!found.some((f) => f.kind === symbol.kind && f.name === symbol.name)) found.push(symbol);
  };
  // Flags only count inside string literals, so `--count` (a decrement) is not a flag.
  for (const { value } of strings) {
    [...value.matchAll(LONG_FLAG)].forEach(([name], i) => {
      const alias = i === 0 ? SHORT_FLAG.exec(value)?.[0] : undefined;
      const usage = i === 0 && FLAG_USAGE.test(value.trim()) ? value.trim() : undefined;
      push({ kind: 'flag', name, ...(alias ? { alias } : {}), ...(usage ? { usage } : {}) });
    });
  }
  for (const m of ENV_PATTERNS.flatMap((p) => [...code.matchAll(p)])) push({ kind: 'env', name: m[1] });
  const destructured =
    ENV_DESTRUCTURE.exec(code)?.[1]
      .split(',')
      .map((part) => part.trim().split(/\s*[:=]/)[0]) ?? [];
  for (const name of destructured.filter((n) => /^[A-Z_][A-Z0-9_]*$/.test(n))) push({ kind: 'env', name });
  for (const m of code.matchAll(ROUTE))
    push({ kind: 'route', name: m[3], method: m[2] === 'del' ? 'DELETE' : m[2].toUpperCase() });
  for (const m of EXPORTS.flatMap((p) => [...code.matchAll(p)])) push({ kind: 'export', name: m[1] });
  const list =
    EXPORT_LIST.exec(bare)?.[1]
      .split(',')
      .map(
        (part) =>
          part
            .trim()
            .split(/\s+as\s+/)
            .pop() ?? '',
      ) ?? [];
  for (const name of list.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n))) push({ kind: 'export', name });
  const key = KEY.exec(code);
  if (key && !/^\s*(?:case|default)\b/.test(code) && !/^\w+:\/\//.test(code.trim()))
    push({ kind: 'key', name: key[2] });
  for (const [name] of bare.matchAll(IDENTIFIER))
    if (!found.some((f) => f.name === name)) push({ kind: 'identifier', name });
  return found;
}
