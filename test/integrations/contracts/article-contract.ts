import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edit } from '../../../core/change.js';
import { AppError } from '../../../core/errors.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import type { Db } from '../../../db/database.js';
import { findArticlePublication } from '../../../db/repositories/article-publications.js';
import type { ArticleDestination, PublishRequest } from '../../../integrations/contract.js';
import { articleMarkdown } from '../../../integrations/kit/article-bridge/splice.js';
import { articleDestinationAdapter } from '../../../integrations/kit/article-destination.js';

/** A help-center destination's article capability against its own fake. */
export interface ArticleFixture<D extends TypedConfig> {
  db: Db;
  articles: ArticleDestination<D>;
  destination: D;
  /** An article's page and one of its lines an edit can replace. */
  page: { path: string; line: string };
  /** An editor changes another block of the page's article in the help center (`page.line` stays). */
  editAnotherBlock(): Promise<void>;
  /** Every article or item the fake holds, as it holds them. */
  state(): Promise<unknown[]>;
  /** The page's article's body as Markdown. */
  articleText(): Promise<string>;
  close?(): Promise<void>;
}

let runs = 0;

/**
 * What every help-center destination promises beyond the destination contract: a publish refuses an
 * article that moved since the suggestion was drafted; a new page whose name has a hyphen is created;
 * a save or create that landed just before the process died is neither repeated nor a conflict.
 */
export function articleContract<D extends TypedConfig>(name: string, setup: () => Promise<ArticleFixture<D>>): void {
  describe(`${name} article destination contract`, () => {
    let f: ArticleFixture<D>;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f?.close?.();
    });

    const newRunId = () => `run_articles${++runs}`;
    const request = (runId: string, edits: Edit[], pageVersions?: Record<string, string>): PublishRequest => ({
      runId,
      suggestionId: 'sug_a',
      title: 'docs: contract',
      body: 'A contract test publishes this.',
      edits,
      timestamp: 1_700_000_000_000,
      sourceLabel: 'contract source',
      sourceMerged: true,
      ...(pageVersions ? { pageVersions } : {}),
    });
    const edit = (path: string, before: string, after: string): Edit => ({
      path,
      before,
      after,
      rationale: 'contract',
      citations: [],
    });
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: unknown) => e,
      );
    /** The provider's calls go through; the process "dies" right after the first that `dies` names, before docflow records it. */
    const dyingAfter = (dies: 'createArticle' | 'saveArticle' | 'deleteArticle'): ArticleDestination<D> => {
      let died = false;
      const dieAfter =
        <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          const result = await call(...args);
          if (died) return result;
          died = true;
          throw new Error('the worker died');
        };
      return {
        ...f.articles,
        [dies]: dieAfter(f.articles[dies]!.bind(f.articles) as (...args: unknown[]) => Promise<unknown>),
      };
    };

    it('refuses with edit_conflict, writing nothing, an article an editor changed after the suggestion was drafted', async () => {
      const adapter = articleDestinationAdapter(f.db, f.articles);
      const drafted = await adapter.readDocs(f.destination);
      const version = drafted.versions?.[f.page.path];
      expect(version, 'readDocs gives each article page its version').toBeTypeOf('string');
      await f.editAnotherBlock();
      const before = await f.state();
      const runId = newRunId();
      const error = await failure(
        adapter.publish(
          f.destination,
          request(runId, [edit(f.page.path, f.page.line, 'new line')], { [f.page.path]: version! }),
        ),
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('edit_conflict');
      expect((error as AppError).message).toMatch(/after the suggestion was drafted/);
      expect(await f.state()).toEqual(before);

      // Drafted again against the new text, it publishes, keeping the editor's change.
      const redrafted = await adapter.readDocs(f.destination);
      const text = (await f.articleText()).replace(f.page.line, 'new line');
      const again = newRunId();
      await adapter.publish(
        f.destination,
        request(again, [edit(f.page.path, f.page.line, 'new line')], {
          [f.page.path]: redrafted.versions![f.page.path]!,
        }),
      );
      const target = (await findArticlePublication(f.db, again))?.pages[f.page.path]?.targetId;
      const saved = target === undefined ? undefined : await f.articles.readArticle(f.destination, target);
      expect(saved && articleMarkdown(saved.html)).toBe(text);
    });

    it('creates a new page whose name has a hyphen once, even when the process died right after the create', async () => {
      const path = 'articles/request-timeouts.md';
      const runId = newRunId();
      const before = (await f.state()).length;
      const page = edit(path, '', '# Request timeouts\n\nSet `--timeout` in seconds.\n');
      const died = await failure(
        articleDestinationAdapter(f.db, dyingAfter('createArticle')).publish(f.destination, request(runId, [page])),
      );
      expect(String(died)).toMatch(/the worker died/);
      expect((await f.state()).length).toBe(before + 1);

      const adapter = articleDestinationAdapter(f.db, f.articles);
      const retried = await adapter.publish(f.destination, request(runId, [page]));
      expect(retried.created).toBe(true);
      expect((await f.state()).length).toBe(before + 1);
      expect(await adapter.publish(f.destination, request(runId, [page]))).toEqual({ ...retried, created: false });
      const docs = await adapter.readDocs(f.destination);
      const created = docs.pages.find((p) => p.text.includes('Set `--timeout` in seconds.'));
      expect(created?.path).toMatch(/^articles\/[0-9a-z]+-request-timeouts\.md$/);
    });

    it('undoes a publish when asked (another destination failed): the article as it was read, a created one deleted, once', async () => {
      const adapter = articleDestinationAdapter(f.db, f.articles);
      if (!f.articles.deleteArticle) {
        // Without a way to delete what a run created, it cannot take part in a publish to several destinations.
        expect(adapter.unpublish).toBeUndefined();
        return;
      }
      const drafted = await adapter.readDocs(f.destination);
      const text = await f.articleText();
      const count = (await f.state()).length;
      const runId = newRunId();
      const published = request(
        runId,
        [
          edit(f.page.path, f.page.line, 'new line'),
          edit('articles/undone-page.md', '', '# Undone page\n\nGone again soon.\n'),
        ],
        { [f.page.path]: drafted.versions![f.page.path]! },
      );
      const result = await adapter.publish(f.destination, published);
      expect((await f.state()).length).toBeGreaterThan(count);

      // The process dies right after its first delete, before recording it: undoing again finishes the job.
      const died = await failure(
        articleDestinationAdapter(f.db, dyingAfter('deleteArticle')).unpublish!(f.destination, result, published),
      );
      expect(String(died)).toMatch(/the worker died/);
      const undone = await adapter.unpublish!(f.destination, result, published);
      expect(undone).toMatch(/articles\/undone-page\.md: deleted article \S+, which the run had created/);
      expect(await f.articleText()).toBe(text);
      expect((await f.state()).length).toBe(count);
      expect(await adapter.unpublish!(f.destination, result, published)).toBe(undone);
    });

    it('a save that landed just before the process died is not repeated elsewhere nor taken for a conflict', async () => {
      const adapter = articleDestinationAdapter(f.db, f.articles);
      const drafted = await adapter.readDocs(f.destination);
      const runId = newRunId();
      const publish = (a: typeof adapter) =>
        a.publish(
          f.destination,
          request(runId, [edit(f.page.path, f.page.line, 'new line')], {
            [f.page.path]: drafted.versions![f.page.path]!,
          }),
        );
      const count = (await f.state()).length;
      const died = await failure(publish(articleDestinationAdapter(f.db, dyingAfter('saveArticle'))));
      expect(String(died)).toMatch(/the worker died/);
      const afterCrash = await f.state();

      const retried = await publish(adapter);
      expect(retried.created).toBe(true);
      // The same articles as after the save that landed: no second copy, no second item.
      expect((await f.state()).length).toBe(afterCrash.length);
      expect(afterCrash.length - count).toBeLessThanOrEqual(1);
      expect(await publish(adapter)).toEqual({ ...retried, created: false });
    });
  });
}
