import type { DocPage } from '../../core/change.js';
import { identifierParts, isBuiltIn } from '../impact/words.js';
import { isGeneric } from '../offline/generic-words.js';
import { HEADING, LIST_ITEM, isDelimiterRow, splitTableRow } from '../offline/markdown-lines.js';
import { nameRegion } from '../offline/markdown-entries.js';
import { indexPage } from '../offline/page-index.js';
import type { AuditKind, DocMention } from './audit-kinds.js';
import type { CodeInventory } from './code-inventory.js';
import { normaliseRoute } from './code-inventory.js';

// Pages that name old elements on purpose.
const HISTORY_PAGE =
  /(?:^|\/)(?:change-?log|changes|history|news|releases?|migrat\w*|upgrad\w*|breaking[\w-]*|blog)(?:[./]|$)/i;
// A line that tells of a removal or a rename names the old element on purpose.
const REMOVAL_NOTE =
  /\b(?:removed|deprecated|renamed|no longer|replaced|instead of|formerly|previously|obsolete|was dropped|dropped in|before v?\d|prior to|until v?\d)\b/i;
const SPAN = /`([^`\n]+)`/g;
const LONG_FLAG = /(?<![\w-])--[A-Za-z][\w.-]*[A-Za-z0-9]/g;
const FLAG_ALONE = /^(?:-[A-Za-z],?\s+)?(--[A-Za-z][\w.-]*[A-Za-z0-9])(?:[ =](?:<[^>]+>|\[[^\]]+\]|\S+))?$/;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const ENV_FORMS = [
  /^(?:process\.env\.|import\.meta\.env\.)([A-Z][A-Z0-9_]*)$/,
  /^(?:os\.environ|process\.env)\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]$/,
  /^\$\{?([A-Z][A-Z0-9_]*)\}?$/,
  /^(?:export\s+)?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=\S*$/,
];
const ENV_CONTEXT = /\benv(?:ironment)?\b|\bvariables?\b|\benv vars?\b/i;
const ROUTE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/[\w\-./:{}<>[\]]*)$/;
const CALL = /^(?:new\s+)?((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)\s*\([^()]*\)$/;
const PATH = /^(?:\.\/)?((?:[\w@.-]+\/)+[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,4})$/;
const CODE_EXT = /\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kts?|php|sh|json|ya?ml|toml)$/i;
const KEY_HEADER = /\b(?:option|key|setting|property|field|param(?:eter)?|config\w*)s?\b/i;
const KEY_SECTION = /\b(?:option|setting|config\w*|propert(?:y|ies))s?\b/i;
const KEY_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const SHELL_FENCE = /^(?:sh|bash|shell|zsh|console|terminal|cmd|powershell|ps1)?$/i;
// Commands of other tools: their flags and arguments are theirs.
const FOREIGN =
  /\b(?:npm|npx|yarn|pnpm|node|deno|bun|git|docker|kubectl|tsc|jest|mocha|eslint|prettier|webpack|curl|pip|python3?|cargo|go|brew|apt(?:-get)?|make|java|gcc|ssh)\b/;
// Receivers of other libraries or of the reader's own code: `res.json()`, `JSON.parse()`, `app.listen()`.
const FOREIGN_RECEIVERS = new Set(
  `JSON Object Array Promise Math Date Number String Reflect Symbol console process fs path os util http https net
  crypto stream events assert child_process url querystring Buffer window document navigator location app req res
  request response ctx context err error event e this self module exports require expect vi jest sinon chai t it`.split(
    /\s+/,
  ),
);

export interface MentionContext {
  inventory: CodeInventory;
}

const commandWords = (command: string): string[] =>
  command
    .replace(/^\s*[$>#]\s+/, '')
    .split(/\s+/)
    .filter(Boolean);

/** The arguments of a command line when it runs the package's own command (`mycli …`, `npx mycli …`), else null. */
function ownCommandArgs(command: string, bins: Set<string>): { env: string[]; args: string[] } | null {
  const words = commandWords(command);
  const env: string[] = [];
  while (words.length > 0 && /^[A-Z][A-Z0-9_]*=/.test(words[0])) env.push((words.shift() ?? '').split('=')[0]);
  if (['npx', 'bunx'].includes(words[0]) || (['pnpm', 'yarn'].includes(words[0]) && words[1] !== 'add')) words.shift();
  if (words[0] === 'exec' || words[0] === 'dlx') words.shift();
  const program = (words[0] ?? '').replace(/^\.\/(?:node_modules\/\.bin\/)?/, '').replace(/@[\w.^~-]+$/, '');
  return bins.has(program) ? { env, args: words.slice(1) } : null;
}

/** The heading texts a line sits under, innermost last. */
function headingTrail(lines: string[], fenced: boolean[]): string[][] {
  const trail: string[] = [];
  return lines.map((line, i) => {
    const m = fenced[i] ? null : HEADING.exec(line);
    if (m) {
      trail.length = m[1].length - 1;
      trail[m[1].length - 1] = m[2];
    }
    return trail.filter(Boolean);
  });
}

/** The header cells of the table each line is a row of, if any. */
function tableHeaders(lines: string[], fenced: boolean[]): (string[] | undefined)[] {
  const headers: (string[] | undefined)[] = lines.map(() => undefined);
  lines.forEach((line, i) => {
    if (fenced[i] || !isDelimiterRow(line) || i === 0 || !lines[i - 1].includes('|')) return;
    const header = splitTableRow(lines[i - 1]);
    for (let r = i + 1; r < lines.length && lines[r].includes('|') && lines[r].trim() !== '' && !fenced[r]; r++)
      headers[r] = header;
  });
  return headers;
}

/** The code spans that name what a line documents: a heading's, a list item's leading ones, a table row's first cell. */
function namingSpans(line: string, header: string[] | undefined): string[] {
  const heading = HEADING.exec(line);
  const region = heading
    ? heading[2]
    : header
      ? (splitTableRow(line)[0] ?? '')
      : LIST_ITEM.test(line)
        ? nameRegion(LIST_ITEM.exec(line)?.[3] ?? '')
        : '';
  return [...region.matchAll(SPAN)].map((m) => m[1].trim());
}

/**
 * The code elements a page names, by explainable rules (each mention says which). Only inline code and the
 * package's own command lines are read: prose words, other tools' commands and output, and example code are not.
 */
export function findDocMentions(page: DocPage, { inventory }: MentionContext): DocMention[] {
  if (HISTORY_PAGE.test(page.path)) return [];
  const { lines, fenced } = indexPage(page);
  const trails = headingTrail(lines, fenced);
  const headers = tableHeaders(lines, fenced);
  const found: DocMention[] = [];
  const seen = new Set<string>();
  const add = (i: number, kind: AuditKind, element: string, how: string): void => {
    const key = `${i}\u0000${kind}\u0000${element}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ page: page.path, line: i + 1, element, kind, how });
  };
  const bins = inventory.binNames;
  const codeRoutePrefixes = new Set(inventory.routes.map((r) => r.split('/')[1]).filter(Boolean));

  let fenceLang: string | null = null;
  let fenceStart = -1;
  lines.forEach((line, i) => {
    if (fenced[i]) {
      const opening = /^\s*(?:`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
      if (fenceLang === null && opening) {
        [fenceLang, fenceStart] = [opening[1], i];
        return;
      }
      if (/^\s*(?:`{3,}|~{3,})\s*$/.test(line) && fenceStart !== i) {
        fenceLang = null;
        return;
      }
      if (!SHELL_FENCE.test(fenceLang ?? '') || REMOVAL_NOTE.test(line)) return;
      const own = ownCommandArgs(line.replace(/\\$/, ''), bins);
      if (!own) return;
      for (const name of own.env) if (ENV_NAME.test(name)) add(i, 'env', name, 'set on a command line of the package');
      for (const arg of own.args) {
        const flag = /^(--[A-Za-z][\w.-]*[A-Za-z0-9])(?:=.*)?$/.exec(arg);
        if (flag) add(i, 'flag', flag[1], `passed to the package's command \`${[...bins].join('`, `')}\``);
      }
      return;
    }
    fenceLang = null;
    const spans = [...line.matchAll(SPAN)].map((m) => m[1].trim());
    const prose = line.replace(SPAN, ' ');
    if (spans.length === 0 || REMOVAL_NOTE.test(prose)) return;
    const header = headers[i];
    const naming = new Set(namingSpans(line, header));
    const trail = trails[i];
    const foreignLine = spans.some((s) => FOREIGN.test(commandWords(s)[0] ?? '')) || FOREIGN.test(prose);
    const envContext =
      ENV_CONTEXT.test(prose) ||
      (header ?? []).some((h) => ENV_CONTEXT.test(h)) ||
      trail.some((h) => /environment/i.test(h));
    for (const span of spans) {
      if (/:\/\//.test(span) || /^[\w.-]+@[\w.-]+$/.test(span)) continue;
      // Flags: a span that is only a flag (or its usage), on a line about no other tool; or the package's command.
      const alone = FLAG_ALONE.exec(span);
      const own = alone ? null : ownCommandArgs(span, bins);
      if (alone && !foreignLine) add(i, 'flag', alone[1], 'a code span that is a flag, on a line naming no other tool');
      else if (own) {
        for (const [flag] of own.args.join(' ').matchAll(LONG_FLAG))
          add(i, 'flag', flag, "passed to the package's command");
        for (const name of own.env) if (ENV_NAME.test(name)) add(i, 'env', name, "set on the package's command line");
      }
      // Env vars: an explicit env form, or an UPPER_SNAKE name where the line or table speaks of the environment.
      const form = ENV_FORMS.map((re) => re.exec(span)?.[1]).find(Boolean);
      if (form && ENV_NAME.test(form)) add(i, 'env', form, 'written as an environment variable');
      else if (ENV_NAME.test(span) && envContext)
        add(i, 'env', span, 'an UPPER_SNAKE name on a line about the environment');
      // Routes: `GET /path`, or a path under a prefix the code's routes use.
      const route = ROUTE.exec(span);
      if (route) add(i, 'route', route[2], 'written as METHOD /path');
      else if (/^\/[\w-]+\/[\w\-./:{}]*$/.test(span) && codeRoutePrefixes.has(normaliseRoute(span).split('/')[1]))
        add(i, 'route', span, 'a path under a prefix of the code’s routes');
      // Functions: a call the page documents as an entry, or one qualified by the package's name.
      const call = CALL.exec(span);
      if (call) {
        const qualifier = call[1].replace(/\.$/, '').split('.').pop() ?? '';
        const name = call[2];
        const ownApi = inventory.packageNames.has(qualifier) || inventory.packageNames.has(call[1].split('.')[0]);
        const distinctive = identifierParts(name).length > 1 || ownApi;
        if (
          distinctive &&
          !isGeneric(name) &&
          !isBuiltIn(name) &&
          !FOREIGN_RECEIVERS.has(qualifier) &&
          (naming.has(span) || ownApi)
        )
          add(i, 'function', name, ownApi ? "called on the package's export" : 'a call the page documents as an entry');
      }
      // Config keys: the first cell of an options table, or an entry under an options heading.
      if (
        KEY_NAME.test(span) &&
        naming.has(span) &&
        !ENV_NAME.test(span) &&
        (header ? KEY_HEADER.test(header[0] ?? '') : trail.slice(-1).some((h) => KEY_SECTION.test(h))) &&
        !HEADING.test(line)
      ) {
        const leaf = span.split('.').pop() ?? span;
        if (!isGeneric(leaf) && !isBuiltIn(leaf) && leaf.length > 3)
          add(i, 'config-key', span, 'named by an options table or list');
      }
      // File paths: relative paths with an extension, under a top folder the code tree has.
      const file = PATH.exec(span);
      if (
        file &&
        CODE_EXT.test(file[1]) &&
        inventory.paths.has(file[1].split('/')[0]) &&
        !/\byour\b|\bcreate\b|\be\.g\.|\bfor example\b/i.test(prose)
      )
        add(i, 'path', file[1], 'a file path under a folder of the code tree');
    }
  });
  return found;
}
