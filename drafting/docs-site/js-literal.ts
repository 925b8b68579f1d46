/**
 * A tolerant reader of JavaScript/TypeScript/JSON literals that keeps source offsets, so a navigation
 * entry can be inserted textually. Nothing is evaluated: any value that is not a plain literal (a call,
 * a variable, a function, a template with `${}`) is kept as `opaque` and never edited.
 */
export type JsNode =
  | { kind: 'string'; value: string; quote: string; start: number; end: number }
  | { kind: 'scalar'; start: number; end: number }
  | { kind: 'array'; items: JsNode[]; start: number; end: number }
  | { kind: 'object'; props: JsProp[]; start: number; end: number }
  | { kind: 'opaque'; start: number; end: number };

export interface JsProp {
  /** Undefined for spreads, computed keys and methods. */
  key?: string;
  value: JsNode;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export class JsReader {
  constructor(
    readonly text: string,
    public at = 0,
  ) {}

  /** Skips whitespace and comments. */
  skip(): void {
    const t = this.text;
    for (;;) {
      while (this.at < t.length && /\s/.test(t[this.at]!)) this.at++;
      if (t.startsWith('//', this.at)) {
        const nl = t.indexOf('\n', this.at);
        this.at = nl < 0 ? t.length : nl + 1;
      } else if (t.startsWith('/*', this.at)) {
        const close = t.indexOf('*/', this.at + 2);
        this.at = close < 0 ? t.length : close + 2;
      } else return;
    }
  }

  peek(): string {
    this.skip();
    return this.text[this.at] ?? '';
  }

  /** A quoted string from `at` (which holds the quote); undefined for a template with substitutions. */
  private quoted(): { value: string; quote: string } | undefined {
    const t = this.text;
    const quote = t[this.at]!;
    let value = '';
    let plain = true;
    this.at++;
    while (this.at < t.length && t[this.at] !== quote) {
      const c = t[this.at]!;
      if (c === '\\') {
        const next = t[this.at + 1] ?? '';
        value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
        this.at += 2;
        continue;
      }
      if (quote === '`' && c === '$' && t[this.at + 1] === '{') {
        plain = false;
        this.at += 2;
        this.balanced('}');
        continue;
      }
      value += c;
      this.at++;
    }
    this.at++;
    return plain ? { value, quote } : undefined;
  }

  /** Skips to the matching `close`, over strings, comments and nested brackets. */
  private balanced(close: string): void {
    const stack = [close];
    const t = this.text;
    while (this.at < t.length && stack.length) {
      this.skip();
      const c = t[this.at];
      if (c === undefined) return;
      if (c === '"' || c === "'" || c === '`') this.quoted();
      else if (CLOSERS[c]) {
        stack.push(CLOSERS[c]!);
        this.at++;
      } else if (c === stack.at(-1)) {
        stack.pop();
        this.at++;
      } else this.at++;
    }
  }

  /** Skips an expression up to the next `,` or closing bracket at this depth. */
  private opaque(start: number): JsNode {
    const t = this.text;
    let end = start;
    for (;;) {
      this.skip();
      const c = t[this.at];
      if (c === undefined || c === ',' || c === ')' || c === ']' || c === '}' || c === ';') break;
      if (c === '"' || c === "'" || c === '`') this.quoted();
      else if (CLOSERS[c]) {
        this.at++;
        this.balanced(CLOSERS[c]!);
      } else this.at++;
      end = this.at;
    }
    return { kind: 'opaque', start, end };
  }

  value(): JsNode {
    const c = this.peek();
    const start = this.at;
    if (c === '"' || c === "'" || c === '`') {
      const q = this.quoted();
      const end = this.at;
      const after = this.peek();
      if (q && (after === '' || ',)]};:'.includes(after))) return { kind: 'string', ...q, start, end };
      this.at = start;
      return this.opaque(start);
    }
    if (c === '[') return this.array();
    if (c === '{') return this.object();
    const scalar = /^(?:-?\d[\d_.eE+-]*|true|false|null|undefined)(?![\w$])/.exec(
      this.text.slice(this.at, this.at + 40),
    );
    if (scalar) {
      this.at += scalar[0].length;
      const end = this.at;
      if (/^[,)\]};]/.test(this.peek() || ';')) return { kind: 'scalar', start, end };
      this.at = start;
    }
    return this.opaque(start);
  }

  private array(): JsNode {
    const start = this.at;
    this.at++;
    const items: JsNode[] = [];
    while (this.peek() !== ']' && this.at < this.text.length) {
      if (this.text.startsWith('...', this.at)) items.push(this.opaque(this.at));
      else items.push(this.value());
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ']') return this.recover(start, ']');
    }
    this.at++;
    return { kind: 'array', items, start, end: this.at };
  }

  private object(): JsNode {
    const start = this.at;
    this.at++;
    const props: JsProp[] = [];
    while (this.peek() !== '}' && this.at < this.text.length) {
      const keyStart = this.at;
      let key: string | undefined;
      const c = this.text[this.at]!;
      if (c === '"' || c === "'") key = this.quoted()?.value;
      else {
        const word = /^[\w$]+/.exec(this.text.slice(this.at, this.at + 200));
        if (word) {
          key = word[0];
          this.at += word[0].length;
        }
      }
      if (key !== undefined && this.peek() === ':') {
        this.at++;
        props.push({ key, value: this.value() });
      } else {
        // Spread, shorthand, computed key or method: kept, never edited.
        this.at = keyStart;
        props.push({ value: this.opaque(keyStart) });
      }
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== '}') return this.recover(start, '}');
    }
    this.at++;
    return { kind: 'object', props, start, end: this.at };
  }

  private recover(start: number, close: string): JsNode {
    this.at = start + 1;
    this.balanced(close);
    return { kind: 'opaque', start, end: this.at };
  }
}

/** The literal a config module exports (`export default {…}`, `module.exports = …`, `defineConfig({…})`, a const). */
export function exportedLiteral(text: string): JsNode | undefined {
  const json = /^\s*[[{]/.test(text);
  if (json) return new JsReader(text, text.search(/[[{]/)).value();
  const exported = /(?:export\s+default|module\.exports\s*=)\s*/.exec(text);
  if (!exported) return undefined;
  return expressionAt(text, exported.index + exported[0].length, 0);
}

function expressionAt(text: string, at: number, depth: number): JsNode | undefined {
  if (depth > 3) return undefined;
  const rest = text.slice(at);
  const call = /^([\w$.]+)\s*(?:<[^>]*>)?\s*\(\s*/.exec(rest);
  if (call) return expressionAt(text, at + call[0].length, depth + 1);
  const name = /^([\w$]+)\s*(?:;|$|\n)/.exec(rest);
  if (name) {
    const declared = new RegExp(`(?:const|let|var)\\s+${name[1]}\\b[^=]*=\\s*`).exec(text);
    return declared ? expressionAt(text, declared.index + declared[0].length, depth + 1) : undefined;
  }
  const node = new JsReader(text, at).value();
  return node.kind === 'opaque' ? undefined : node;
}

/** The value at `keys` below an object literal; undefined when any step is missing or not a literal. */
export function propertyAt(node: JsNode | undefined, keys: string[]): JsNode | undefined {
  let current = node;
  for (const key of keys) {
    if (current?.kind !== 'object') return undefined;
    current = current.props.find((p) => p.key === key)?.value;
  }
  return current;
}

/** A string literal in the quote style of the file. */
export function quote(value: string, style: string): string {
  const q = style === '`' ? "'" : style;
  return `${q}${value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
}
