import type { DocPage } from '../../core/change.js';
import { identifierParts, isBuiltIn } from '../impact/words.js';
import { isGeneric } from '../offline/generic-words.js';
import { HEADING, LIST_ITEM, isDelimiterRow, splitTableRow } from '../offline/markdown-lines.js';
import { nameRegion } from '../offline/markdown-entries.js';
import { indexPage } from '../offline/page-index.js';
import type { AuditKind, DocMention } from './audit-kinds.js';
import type { CodeInventory } from './code-inventory.js';

// Pages that name old elements on purpose.
const HISTORY_PAGE =
  /(?:^|\/)(?:change-?log|changes|history|news|releases?|migrat[\w-]*|upgrad[\w-]*|breaking[\w-]*|blog)(?:[./]|$)/i;
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
// `name(args)`, `a.b.name([opts]) => Type`, `new Name(x): Type`.
const CALL = /^(?:new\s+)?((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)\s*\([^()]*\)(?:\s*(?:=>|:|→)\s*[^()]*)?$/;
const PATH = /^(?:\.\/)?((?:[\w@.-]+\/)+[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,4})$/;
const CODE_EXT = /\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kts?|php|sh|json|ya?ml|toml)$/i;
const KEY_HEADER = /\b(?:option|key|setting|property|field|param(?:eter)?|config\w*)s?\b/i;
const KEY_SECTION = /\b(?:option|setting|config\w*|propert(?:y|ies))s?\b/i;
const KEY_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
// Words that say the text is an illustration, not a reference.
const EXAMPLE = /\bexamples?\b|\be\.g\.|\bsuch as\b|\bfor instance\b|\bsay\b|\blike\s+`/i;
// Names that stand for any name: `--foo`, `--hyphen-case`, `MY_VAR`, `<name>`.
const PLACEHOLDER =
  /(?:^|[^A-Za-z])(?:foo|bar|baz|qux|xxx|my|your|some|example|placeholder)(?:[^A-Za-z]|$)|[a-z]-?case\b|[A-Z]_?CAPS\b|camelCase/i;
const CLI_SECTION = /\b(?:options?|flags?|arguments?|usage|command[- ]line|cli)\b/i;
const SHELL_FENCE = /^(?:sh|bash|shell|zsh|console|terminal|cmd|powershell|ps1)?$/i;
// Commands of other tools: their flags and arguments are theirs.
const FOREIGN_COMMAND =
  /^(?:npm|npx|yarn|pnpm|node|deno|bun|git|docker|kubectl|tsc|jest|mocha|vitest|eslint|prettier|webpack|curl|pip|python3?|cargo|go|brew|apt(?:-get)?|make|java|gcc|ssh)$/;
// The same tools named in prose (`make` and `go` are English words there).
const FOREIGN_PROSE =
  /\b(?:npm|npx|yarn|pnpm|node(?:\.js)?|Node(?:\.js)?|deno|Deno|git|Git|docker|Docker|kubectl|tsc|jest|Jest|mocha|Mocha|vitest|Vitest|eslint|ESLint|prettier|Prettier|webpack|curl|pip|python|Python|cargo|brew|ssh)\b/;
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

/** Each line's paragraph: the run of non-blank lines outside fences around it. */
function paragraphs(lines: string[], fenced: boolean[]): string[] {
  const out: string[] = lines.map(() => '');
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || fenced[i] || lines[i].trim() === '' || HEADING.test(lines[i])) {
      const text = lines.slice(start, i).join(' ');
      for (let j = start; j < i; j++) out[j] = text;
      if (i < lines.length && HEADING.test(lines[i]) && !fenced[i]) out[i] = lines[i];
      start = i + 1;
    }
  }
  return out;
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
  const envPrefixes = new Set([...inventory.envNames].map((n) => n.split('_')[0]));
  const seen = new Set<string>();
  const add = (i: number, kind: AuditKind, element: string, how: string): void => {
    // An env var counts only with the prefix of variables the code reads (`APP_` of `APP_PORT`): others are the reader's.
    if (kind === 'env' && !envPrefixes.has(element.split('_')[0])) return;
    const key = `${i}\u0000${kind}\u0000${element}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ page: page.path, line: i + 1, element, kind, how });
  };
  const bins = inventory.binNames;
  const paragraph = paragraphs(lines, fenced);
  // A page documents the package's command line when it shows one: only then are its lone flags the package's.
  const showsOwnCommand = lines.some(
    (line, i) =>
      (fenced[i] && ownCommandArgs(line, bins)) || [...line.matchAll(SPAN)].some((m) => ownCommandArgs(m[1], bins)),
  );

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
    const around = paragraph[i].replace(SPAN, (_m, code: string) =>
      FOREIGN_COMMAND.test(commandWords(code)[0] ?? '') ? ' npm ' : ' ',
    );
    const illustrative = EXAMPLE.test(paragraph[i].replace(SPAN, '`x`'));
    const foreign = FOREIGN_PROSE.test(around) || FOREIGN_PROSE.test(trail[trail.length - 1] ?? '');
    // Spans that are link texts to another site document that site's thing (`[`--trace-warnings`](https://nodejs.org/…)`).
    const linkedAway = new Set([...line.matchAll(/\[`([^`\n]+)`\]\(\s*https?:/g)].map((m) => m[1].trim()));
    const loneFlagsCount =
      !illustrative && !foreign && (bins.size > 0 ? showsOwnCommand : trail.some((h) => CLI_SECTION.test(h)));
    const envContext =
      ENV_CONTEXT.test(prose) ||
      (header ?? []).some((h) => ENV_CONTEXT.test(h)) ||
      trail.some((h) => /environment/i.test(h));
    for (const span of spans) {
      if (PLACEHOLDER.test(span)) continue;
      if (/:\/\//.test(span) || /^[\w.-]+@[\w.-]+$/.test(span) || linkedAway.has(span)) continue;
      // Flags: a span that is only a flag (or its usage), on a line about no other tool; or the package's command.
      const alone = FLAG_ALONE.exec(span);
      const own = alone ? null : ownCommandArgs(span, bins);
      if (alone && loneFlagsCount)
        add(
          i,
          'flag',
          alone[1],
          "a lone flag on a page showing the package's command, in a paragraph naming no other tool",
        );
      else if (own) {
        for (const [flag] of own.args.join(' ').matchAll(LONG_FLAG))
          add(i, 'flag', flag, "passed to the package's command");
        for (const name of own.env) if (ENV_NAME.test(name)) add(i, 'env', name, "set on the package's command line");
      }
      // Env vars: an explicit env form, or an UPPER_SNAKE name where the line or table speaks of the environment.
      const form = ENV_FORMS.map((re) => re.exec(span)?.[1]).find(Boolean);
      if (form && ENV_NAME.test(form)) add(i, 'env', form, 'written as an environment variable');
      else if (ENV_NAME.test(span) && envContext && !illustrative)
        add(i, 'env', span, 'an UPPER_SNAKE name on a line about the environment');
      // Routes: `GET /path`, outside examples.
      const route = ROUTE.exec(span);
      if (route && !illustrative) add(i, 'route', route[2], 'written as METHOD /path');
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
          (naming.has(span) || ownApi) &&
          !illustrative
        )
          add(i, 'function', name, ownApi ? "called on the package's export" : 'a call the page documents as an entry');
      }
      // Config keys: the first cell of an options table, or an entry or a heading directly under an options heading.
      if (
        KEY_NAME.test(span) &&
        naming.has(span) &&
        !ENV_NAME.test(span) &&
        !illustrative &&
        (header
          ? KEY_HEADER.test(header[0] ?? '')
          : HEADING.test(line)
            ? KEY_SECTION.test(trail[trail.length - 2] ?? '')
            : KEY_SECTION.test(trail[trail.length - 1] ?? ''))
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
