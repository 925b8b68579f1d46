import { scanLine } from '../offline/scan-line.js';
import type { CodeTree } from './read-code-tree.js';

/** What the code at head defines and mentions, to decide whether a name the docs use still exists. */
export interface CodeInventory {
  /** Every word of the code, strings and comments included, split on anything but `[\w$-]`: `--port`, `LOG_LEVEL`, `retry-count`. */
  tokens: Set<string>;
  /** Long flags declared in string literals (`'--port <n>'`). */
  flags: Set<string>;
  /** Whether the code has a command-line parser or usage text: a known parser imported, or 3+ flags declared. */
  hasCli: boolean;
  /** Routes the code declares (`app.get('/v1/users/:id')`), params normalised to `:`. */
  routes: string[];
  /** Whether the code reads environment variables at all, and whether it builds their names at run time. */
  readsEnv: boolean;
  /** Names the code reads as `env.X`, `getenv('X')`…, to know the prefixes of its own variables (`APP_`). */
  envNames: Set<string>;
  dynamicEnv: boolean;
  /** Command names the package installs (`package.json` `bin`), to recognise its own command lines in the docs. */
  binNames: Set<string>;
  /** Package name(s) (`package.json` `name`, without scope), a qualifier of its API: `pino.destination()`. */
  packageNames: Set<string>;
  /** Every file and directory of the tree. */
  paths: Set<string>;
  /** Code files' text joined, for substring checks (routes). */
  text: string;
}

const CLI_PARSERS =
  /\b(?:require\(\s*|from\s+)['"](?:commander|yargs|minimist|meow|cac|arg|sade|mri|clipanion|oclif|@oclif\/core|cmd-ts|citty|node:util|util|argparse|optparse|click|typer|flag|cobra|clap)['"]|\bparseArgs\s*\(|\bimport\s+(?:argparse|click|typer|optparse)\b|spf13\/cobra"|\bclap::/;
const ENV_READ = /\bprocess\.env\b|\bimport\.meta\.env\b|\bos\.environ\b|\bgetenv\s*\(|\bDeno\.env\b|\bENV\[/;
// `process.env[name]`, `env[`${prefix}_X`]`: the code composes names, so no single name can be said to be missing.
const DYNAMIC_ENV =
  /\b(?:process\.env|os\.environ|environ)\s*\[\s*(?!['"][A-Z_0-9]+['"]\s*\])|\bgetenv\s*\(\s*[^'"\s)]/;

export const normaliseRoute = (route: string): string =>
  route
    .replace(/\{[^}/]+\}|<[^>/]+>|\[[^\]/]+\]|:[A-Za-z_]\w*\??/g, ':')
    .replace(/\/+$/, '')
    .toLowerCase();

function packageInfo(tree: CodeTree): { bins: Set<string>; names: Set<string> } {
  const bins = new Set<string>();
  const names = new Set<string>();
  for (const [file, text] of tree.files) {
    if (!/(?:^|\/)package\.json$/.test(file) || file.includes('/test') || file.includes('fixture')) continue;
    try {
      const pkg = JSON.parse(text) as { name?: unknown; bin?: unknown };
      const bare = typeof pkg.name === 'string' ? pkg.name.replace(/^@[^/]+\//, '') : undefined;
      if (bare) names.add(bare);
      if (typeof pkg.bin === 'string' && bare) bins.add(bare);
      if (pkg.bin && typeof pkg.bin === 'object') Object.keys(pkg.bin).forEach((b) => bins.add(b));
    } catch {
      // Not JSON (a template): it declares nothing.
    }
  }
  return { bins, names };
}

/** Reads the tree once: tokens, declared flags, routes and env use, with the extraction the drafters use (`scanLine`). */
export function buildCodeInventory(tree: CodeTree): CodeInventory {
  const tokens = new Set<string>();
  const flags = new Set<string>();
  const routes = new Set<string>();
  const envNames = new Set<string>();
  let [readsEnv, dynamicEnv, parser] = [false, false, false];
  for (const [file, text] of tree.files) {
    for (const token of text.split(/[^\w$-]+/)) if (token) tokens.add(token);
    readsEnv ||= ENV_READ.test(text);
    dynamicEnv ||= DYNAMIC_ENV.test(text);
    parser ||= CLI_PARSERS.test(text);
    if (/\.(?:json|ya?ml|toml|ini|cfg)$/i.test(file)) continue;
    for (const line of text.split('\n')) {
      if (line.length > 2000) continue;
      for (const symbol of scanLine(line)) {
        if (symbol.kind === 'flag') flags.add(symbol.name);
        else if (symbol.kind === 'route') routes.add(normaliseRoute(symbol.name));
        else if (symbol.kind === 'env') {
          readsEnv = true;
          envNames.add(symbol.name);
        }
      }
    }
  }
  const { bins, names } = packageInfo(tree);
  return {
    tokens,
    flags,
    hasCli: parser || flags.size >= 3,
    routes: [...routes],
    readsEnv,
    envNames,
    dynamicEnv,
    binNames: bins,
    packageNames: names,
    paths: tree.paths,
    text: [...tree.files.values()].join('\n'),
  };
}
