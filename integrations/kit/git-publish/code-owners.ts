/** Where GitHub looks for CODEOWNERS, in its order: the first one present is the one used. */
export const codeOwnersFiles = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

interface Rule {
  pattern: RegExp;
  owners: string[];
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** A gitignore-style pattern as GitHub reads it in CODEOWNERS. */
export function patternRegex(raw: string): RegExp {
  let pattern = raw.replace(/^\\#/, '#');
  // A slash at the start or in the middle anchors the pattern to the root; otherwise it matches at any depth.
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  pattern = pattern.replace(/^\//, '');
  const directory = pattern.endsWith('/');
  if (directory) pattern = pattern.slice(0, -1);
  const last = pattern.split('/').pop() ?? '';
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**/', i)) {
      body += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('/**', i) && i + 3 === pattern.length) {
      body += '(?:/.*)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      body += '.*';
      i += 1;
    } else if (pattern[i] === '*') body += '[^/]*';
    else if (pattern[i] === '?') body += '[^/]';
    else body += escape(pattern[i]!);
  }
  // `docs/*` owns the files directly in docs/ only (GitHub's rule); a plain name owns everything below it too.
  const suffix = directory ? '/.*' : /[*?]/.test(last) ? '' : '(?:/.*)?';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}${suffix}$`);
}

/**
 * The rules of a CODEOWNERS file. Owners are `@user` or `@org/team`; e-mail owners are left out (they
 * are personal data, and review requests name accounts). A pattern with no owners leaves its files unowned.
 */
export function parseCodeOwners(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [pattern, ...rest] = trimmed.split(/\s+/);
    const owners: string[] = [];
    for (const token of rest) {
      if (token.startsWith('#')) break;
      if (/^@[\w.-]+(?:\/[\w.-]+)?$/.test(token)) owners.push(token);
    }
    rules.push({ pattern: patternRegex(pattern!), owners });
  }
  return rules;
}

/** The owners of `path`: the last matching rule wins, as on GitHub. */
export function ownersOf(rules: Rule[], path: string): string[] {
  let owners: string[] = [];
  for (const rule of rules) if (rule.pattern.test(path)) owners = rule.owners;
  return owners;
}

/** The owners of any of `paths` from the first CODEOWNERS file present, each once. */
export async function codeOwnersOf(
  paths: string[],
  read: (file: string) => Promise<string | undefined>,
): Promise<string[]> {
  for (const file of codeOwnersFiles) {
    const text = await read(file);
    if (text === undefined) continue;
    const rules = parseCodeOwners(text);
    return [...new Set(paths.flatMap((path) => ownersOf(rules, path)))];
  }
  return [];
}
