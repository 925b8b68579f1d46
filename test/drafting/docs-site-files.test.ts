import { describe, expect, it } from 'vitest';
import { isSiteFile, isSiteFileBelow, siteFilesAbove } from '../../drafting/docs-site/site-files.js';
import { editedPages } from '../../integrations/kit/git-publish/edited-pages.js';

describe('site files', () => {
  it('are read beside the docs folder and up to one folder below it', () => {
    expect(siteFilesAbove('website/docs/')).toContain('website/sidebars.js');
    expect(siteFilesAbove('website/docs/')).toContain('mkdocs.yml');
    expect(siteFilesAbove('docs/')).not.toContain('docs/docs.json');
    expect(siteFilesAbove('')).toEqual([]);
    expect(isSiteFileBelow('docs/docs.json', 'docs/')).toBe(true);
    expect(isSiteFileBelow('docs/.vitepress/config.mts', 'docs/')).toBe(true);
    expect(isSiteFileBelow('website/sidebars.ts', '')).toBe(true);
    expect(isSiteFileBelow('a/b/sidebars.ts', '')).toBe(false);
    expect(isSiteFile('other/mkdocs.yml', 'docs/')).toBe(false);
  });

  it('may be edited by a publish although outside the docs folder; other files may not', async () => {
    const read = async (path: string) => ({ 'mkdocs.yml': 'nav:\n  - a.md\n', 'src/app.ts': 'x\n' })[path]!;
    const nav = {
      path: 'mkdocs.yml',
      before: '  - a.md\n',
      after: '  - a.md\n  - b.md\n',
      rationale: 'r',
      citations: [],
    };
    expect(await editedPages([nav], 'docs', read)).toEqual({ 'mkdocs.yml': 'nav:\n  - a.md\n  - b.md\n' });
    await expect(editedPages([{ ...nav, path: 'src/app.ts', before: 'x' }], 'docs', read)).rejects.toMatchObject({
      code: 'edit_conflict',
    });
  });
});
