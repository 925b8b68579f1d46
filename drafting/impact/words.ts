/** Turning code and prose into comparable terms and names: identifiers split into parts, lower case, light stemming. */

const STOP = new Set(
  `a an and are as at be been but by can could did do does for from had has have how i if in into is it its
  may might must no not of on or our shall should so than that the their them then there these they this those
  to us was we were what when where which while who why will with would you your also just very via per`.split(/\s+/),
);

// Keywords are not names, but `class`, `type` or `default` are ordinary words in prose: only names skip them.
const KEYWORDS = new Set(
  `const let var function return import export default new true false null undefined void typeof instanceof
  await async else while break continue switch case try catch finally throw class extends super interface
  type enum implements readonly public private protected static any unknown never string number boolean object
  symbol bigint yield delete`.split(/\s+/),
);

// Language built-ins: in a diff and in docs alike, they say nothing about which feature changed.
const BUILT_INS = new Set(
  `globalThis window document console process require module exports Promise JSON Object Array Error TypeError Map
  Set WeakMap WeakSet Symbol Math Date RegExp Number String Boolean BigInt Reflect Proxy Buffer Function Infinity NaN
  setTimeout clearTimeout setInterval clearInterval setImmediate queueMicrotask structuredClone fetch __dirname
  __filename self this super arguments prototype constructor toString valueOf hasOwnProperty length`.split(/\s+/),
);

const TOKEN = /[A-Za-z_$][\w$]*/g;

export const isBuiltIn = (name: string): boolean => BUILT_INS.has(name);

/** Code names worth looking up in docs: 3+ characters, not stop words, keywords or built-ins. */
export function namesIn(code: string): string[] {
  return [...code.matchAll(TOKEN)]
    .map(([n]) => n)
    .filter(
      (n) => n.length >= 3 && !STOP.has(n.toLowerCase()) && !KEYWORDS.has(n) && !BUILT_INS.has(n) && !/^\$+$/.test(n),
    );
}

/** `parseConfigFile` → parse, config, file; `LOG_LEVEL` → log, level; `v2Api` → v2, api. */
export function identifierParts(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
}

/** Lower case, without plural `s` or final `e`: `handlers` and `handler`, `classes` and `class`, `caches` and `cache` meet. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w.length > 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** The compact form of a name, to compare it with page names: `retryCount` → `retrycount`. */
export const compact = (name: string): string => stem(identifierParts(name).join(''));

// Docs and diffs repeat the same tokens endlessly: their terms are worth remembering.
const memo = new Map<string, [term: string, word: string][]>();
const MEMO_SIZE = 100_000;

function tokenTerms(token: string): [term: string, word: string][] {
  const known = memo.get(token);
  if (known) return known;
  const parts = identifierParts(token);
  const out: [string, string][] = parts.length > 1 ? [[stem(parts.join('')), token]] : [];
  for (const part of parts) if (part.length > 1 && !STOP.has(part) && !/^\d+$/.test(part)) out.push([stem(part), part]);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(token, out);
  return out;
}

/** Terms of a text, each with the word it came from: identifier parts, plus the whole identifier when it has several. */
export function termsAndWords(text: string): [term: string, word: string][] {
  const out: [string, string][] = [];
  for (const [token] of text.matchAll(TOKEN)) for (const pair of tokenTerms(token)) out.push(pair);
  return out;
}

export const terms = (text: string): string[] => termsAndWords(text).map(([t]) => t);

/** Lower case, markup-free, one-space text, to find phrases in. */
export const flatText = (text: string): string => text.toLowerCase().replace(/[`*_]/g, '').replace(/\s+/g, ' ');
