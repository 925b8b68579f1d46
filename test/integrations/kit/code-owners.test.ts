import { describe, expect, it } from 'vitest';
import { codeOwnersOf, ownersOf, parseCodeOwners } from '../../../integrations/kit/git-publish/code-owners.js';
import { suggestReviewers } from '../../../core/suggested-reviewers.js';

const file = `
# Default owners
*       @acme/everyone
*.md    @writer   # Markdown
/docs/  @acme/docs @docs-lead docs@example.com
docs/*.txt @texts
apps/   @octocat
/docs/generated/
**/api/** @api-team
\\#notes @hash
`;

describe('CODEOWNERS matching, as GitHub reads the file', () => {
  const rules = parseCodeOwners(file);

  it('lets the last matching pattern win', () => {
    expect(ownersOf(rules, 'README.md')).toEqual(['@writer']);
    expect(ownersOf(rules, 'docs/guide/cli.md')).toEqual(['@acme/docs', '@docs-lead']);
    expect(ownersOf(rules, 'src/index.ts')).toEqual(['@acme/everyone']);
  });

  it('anchors patterns with a leading or inner slash; a bare directory matches at any depth', () => {
    expect(ownersOf(rules, 'site/docs/cli.md')).toEqual(['@writer']);
    expect(ownersOf(rules, 'apps/web/index.ts')).toEqual(['@octocat']);
    expect(ownersOf(rules, 'src/apps/web/index.ts')).toEqual(['@octocat']);
  });

  it('matches `dir/*` only directly inside the directory, and `**` across directories', () => {
    expect(ownersOf(rules, 'docs/notes.txt')).toEqual(['@texts']);
    expect(ownersOf(rules, 'docs/deep/notes.txt')).toEqual(['@acme/docs', '@docs-lead']);
    expect(ownersOf(rules, 'docs/v2/api/users.md')).toEqual(['@api-team']);
    expect(ownersOf(rules, 'api/users.md')).toEqual(['@api-team']);
  });

  it('leaves files of a pattern without owners unowned, and drops e-mail owners', () => {
    expect(ownersOf(rules, 'docs/generated/cli.md')).toEqual([]);
    expect(ownersOf(rules, '#notes')).toEqual(['@hash']);
    expect(JSON.stringify(rules.map((r) => r.owners))).not.toContain('example.com');
  });

  it('reads the first CODEOWNERS file GitHub would use and names each owner once', async () => {
    const files: Record<string, string> = { CODEOWNERS: file, 'docs/CODEOWNERS': '* @ignored' };
    const read = async (path: string) => files[path];
    expect(await codeOwnersOf(['docs/a.md', 'docs/b.md', 'README.md'], read)).toEqual([
      '@acme/docs',
      '@docs-lead',
      '@writer',
    ]);
    files['.github/CODEOWNERS'] = 'docs/ @first';
    expect(await codeOwnersOf(['docs/a.md'], read)).toEqual(['@first']);
    expect(await codeOwnersOf(['docs/a.md'], async () => undefined)).toEqual([]);
  });
});

describe('suggested reviewers', () => {
  it('names each reviewer once with every reason, teams apart from users', () => {
    expect(
      suggestReviewers({
        project: { users: ['alice'], teams: ['acme/docs'] },
        author: 'Alice',
        codeOwners: ['@acme/docs', '@bob'],
      }),
    ).toEqual([
      { name: 'alice', kind: 'user', reasons: ['project', 'author'] },
      { name: 'acme/docs', kind: 'team', reasons: ['project', 'codeowners'] },
      { name: 'bob', kind: 'user', reasons: ['codeowners'] },
    ]);
    expect(suggestReviewers({})).toEqual([]);
  });
});
