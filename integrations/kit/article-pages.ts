import { createHash } from 'node:crypto';
import type { Article } from '../contract.js';

export const articlesDir = 'articles/';

const slug = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'article';

/** The stable page path of an article: `articles/<id>-<slug>.md`. */
export const articlePath = (article: Pick<Article, 'id' | 'title'>) =>
  `${articlesDir}${article.id}-${slug(article.title)}.md`;

/** The article id a page path names; undefined for a path that names no article (a new page). */
export function articleIdOf(path: string): string | undefined {
  return /^articles\/([A-Za-z0-9]+)-[a-z0-9-]*\.md$/.exec(path)?.[1];
}

/** A new page's title: its first `# ` heading, else its file name. */
export function newPageTitle(path: string, markdown: string): { title: string; body: string } {
  const heading = /^# +(.+)\n*/.exec(markdown);
  if (heading) return { title: heading[1]!.trim(), body: markdown.slice(heading[0].length) };
  const name = path.replace(/^.*\//, '').replace(/\.md$/, '').replace(/[-_]+/g, ' ');
  return { title: name.charAt(0).toUpperCase() + name.slice(1), body: markdown };
}

/** The docs revision: every article's id and version. */
export const articlesRevision = (articles: Article[]) =>
  `sha256:${createHash('sha256')
    .update(JSON.stringify(articles.map((a) => [a.id, a.updatedAt ?? a.html.length])))
    .digest('hex')}`;
