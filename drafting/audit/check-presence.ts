import type { AuditKind, DocMention } from './audit-kinds.js';
import { normaliseRoute, type CodeInventory } from './code-inventory.js';

/** Whether a mention is gone from the code at head: `gone` with the rule that says so, or why it is not judged. */
export type Presence = { gone: true; reason: string } | { gone: false; why: string };

// Flags every parser adds, and env vars of the platform rather than of the package.
// `--color`/`--no-color` are read by terminal-colour libraries, not by the package's parser.
const UNIVERSAL_FLAGS = new Set(['--help', '--version', '--color', '--no-color']);
const PLATFORM_ENV =
  /^(?:NODE_\w+|NO_COLOR|FORCE_COLOR|TERM\w*|HOME|PATH|TMPDIR|LANG|LC_\w+|SHELL|USER|PWD|CI|TZ|HTTPS?_PROXY|NO_PROXY|DEBUG|(?:NPM|YARN|npm|AWS|AZURE|GOOGLE|GCP|DOCKER|RUNNER|VERCEL|NETLIFY|GIT|SSH|XDG|JAVA|PYTHON|GO|RUST|CARGO|BUN|DENO)_\w+)$/;

const camel = (name: string): string => name.replace(/[-_]+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The spellings a flag may have in its parser's declaration: `--dry-run` → `dry-run`, `dryRun`, `dry_run`; `--no-x` → `x`. */
export function flagSpellings(flag: string): string[] {
  const bare = flag.replace(/^-+/, '').split('=')[0];
  const forms = [bare, bare.split('.')[0]];
  if (bare.startsWith('no-')) forms.push(bare.slice(3));
  return [...new Set(forms.flatMap((f) => [f, `--${f}`, camel(f), f.replace(/-/g, '_')]))];
}

const has = (inv: CodeInventory, names: string[]): boolean => names.some((n) => inv.tokens.has(n));

function pathPresent(inv: CodeInventory, path: string): boolean {
  const variants = [path, path.replace(/\.[cm]?[jt]sx?$/, ''), path.replace(/^(?:dist|lib|build|out)\//, 'src/')];
  const stems = new Set(variants.map((v) => v.replace(/\.[cm]?[jt]sx?$|\.d\.ts$/, '')));
  for (const known of inv.paths) {
    if (known === path || known.endsWith(`/${path}`)) return true;
    const stem = known.replace(/\.d\.ts$|\.[cm]?[jt]sx?$/, '');
    if (stem !== known && (stems.has(stem) || [...stems].some((s) => stem.endsWith(`/${s}`)))) return true;
  }
  return false;
}

function routePresent(inv: CodeInventory, route: string): boolean {
  const doc = normaliseRoute(route);
  if (inv.routes.some((r) => r === doc || (r !== '' && doc.endsWith(r)))) return true;
  // A route mounted under a prefix the code builds (`router.use('/v1', …)`): its last fixed segment still appears.
  const last = doc
    .split('/')
    .filter((s) => s && s !== ':')
    .pop();
  return last === undefined || inv.text.includes(`/${last}`);
}

/** Per kind: when the code can say anything (gate) and whether the element is still there. */
const RULES: Record<AuditKind, (inv: CodeInventory, element: string) => Presence> = {
  flag(inv, flag) {
    if (UNIVERSAL_FLAGS.has(flag)) return { gone: false, why: 'a flag every parser knows' };
    if (!inv.hasCli) return { gone: false, why: 'the code has no command-line parser to check against' };
    if (has(inv, flagSpellings(flag))) return { gone: false, why: 'still in the code' };
    return { gone: true, reason: 'the code parses command-line flags, and this one appears in no spelling' };
  },
  env(inv, name) {
    if (PLATFORM_ENV.test(name)) return { gone: false, why: 'a variable of the platform, not of the package' };
    if (!inv.readsEnv) return { gone: false, why: 'the code reads no environment variables' };
    if (inv.tokens.has(name)) return { gone: false, why: 'still in the code' };
    if (inv.dynamicEnv) return { gone: false, why: 'the code composes variable names at run time' };
    return { gone: true, reason: 'the code reads environment variables, and this name appears nowhere in it' };
  },
  'config-key'(inv, key) {
    const leaf = key.split('.').pop() ?? key;
    if (has(inv, [leaf, key, camel(leaf), leaf.replace(/-/g, '_')])) return { gone: false, why: 'still in the code' };
    return { gone: true, reason: 'a documented option whose name appears nowhere in the code' };
  },
  route(inv, route) {
    if (inv.routes.length === 0) return { gone: false, why: 'the code declares no routes' };
    if (routePresent(inv, route)) return { gone: false, why: 'a code route matches it' };
    return { gone: true, reason: 'the code declares routes, none matches it and its last segment appears nowhere' };
  },
  function(inv, name) {
    if (inv.tokens.has(name)) return { gone: false, why: 'still in the code' };
    return { gone: true, reason: 'a documented function whose name appears nowhere in the code' };
  },
  path(inv, path) {
    if (pathPresent(inv, path)) return { gone: false, why: 'the file exists' };
    return { gone: true, reason: 'no file of the code tree has this path (nor a compiled or source twin)' };
  },
};

export const checkPresence = (inv: CodeInventory, mention: DocMention): Presence =>
  RULES[mention.kind](inv, mention.element);
