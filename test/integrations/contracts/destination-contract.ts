import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import type { DestinationAdapter, PublishRequest } from '../../../integrations/contract.js';

/** A provider's destination against its own fake (a temp repository, the fake GitHub, a folder). */
export interface DestinationFixture<D extends TypedConfig> {
  adapter: DestinationAdapter<D>;
  destination: D;
  /** Destinations `validateDestination` must refuse, by what is wrong with them (an unknown branch, a missing folder). */
  invalid: Record<string, D>;
  /** A page of the destination and one of its lines that an edit can replace. */
  page: { path: string; line: string };
  /** Everything the provider's store holds (refs, pull requests, files), compared before and after. */
  state(): Promise<unknown>;
  /** The page as the run published it; undefined when nothing was. */
  publishedPage(runId: string, path: string): Promise<string | undefined>;
  /** How many publications the run has: commits on its branch, pull requests, outbox folders. */
  publications(runId: string): Promise<number>;
  /** Rewrites the page in the destination's base so that `page.line` is gone. */
  rewritePage(): Promise<void>;
  close?(): Promise<void>;
}

let runs = 0;

/** What every destination promises: validation without side effects, idempotent publishing, replacement by a newer suggestion, refused stale edits. */
export function destinationContract<D extends TypedConfig>(
  name: string,
  setup: () => Promise<DestinationFixture<D>>,
): void {
  describe(`${name} destination contract`, () => {
    let f: DestinationFixture<D>;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f?.close?.();
    });

    const request = (runId: string, suggestionId: string, after: string): PublishRequest => ({
      runId,
      suggestionId,
      title: 'docs: contract',
      body: 'A contract test publishes this.',
      edits: [{ path: f.page.path, before: f.page.line, after, rationale: 'contract', citations: [] }],
      timestamp: 1_700_000_000_000,
      sourceLabel: 'contract source',
      sourceMerged: true,
    });
    const newRunId = () => `run_contract${++runs}`;

    it('accepts its destination and refuses each bad one with invalid_destination, changing nothing', async () => {
      await expect(f.adapter.validateDestination(f.destination)).resolves.toBeUndefined();
      expect(Object.keys(f.invalid).length).toBeGreaterThan(0);
      for (const [what, bad] of Object.entries(f.invalid)) {
        const before = await f.state();
        const error = await f.adapter.validateDestination(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, what).toBeInstanceOf(AppError);
        expect((error as AppError).code, what).toBe('invalid_destination');
        expect(await f.state(), what).toEqual(before);
      }
    });

    it('publishes the same suggestion once: the second answer is the first with created: false', async () => {
      const runId = newRunId();
      const first = await f.adapter.publish(f.destination, request(runId, 'sug_a', 'first draft line'));
      const second = await f.adapter.publish(f.destination, request(runId, 'sug_a', 'first draft line'));
      expect(first.created).toBe(true);
      expect(second).toEqual({ ...first, created: false });
      expect(await f.publications(runId)).toBe(1);
      expect(await f.publishedPage(runId, f.page.path)).toContain('first draft line');
    });

    it('replaces an earlier suggestion of the same run at the same location', async () => {
      const runId = newRunId();
      const first = await f.adapter.publish(f.destination, request(runId, 'sug_a', 'first draft line'));
      const second = await f.adapter.publish(f.destination, request(runId, 'sug_b', 'second draft line'));
      expect(second.location).toBe(first.location);
      expect(await f.publications(runId)).toBe(1);
      const page = await f.publishedPage(runId, f.page.path);
      expect(page).toContain('second draft line');
      expect(page).not.toContain('first draft line');
      // The first suggestion is not what the run's publication holds any more.
      expect(await f.adapter.publish(f.destination, request(runId, 'sug_b', 'second draft line'))).toEqual({
        ...second,
        created: false,
      });
    });

    it('refuses an edit that no longer applies with edit_conflict, publishing nothing', async () => {
      const runId = newRunId();
      await f.rewritePage();
      const error = await f.adapter.publish(f.destination, request(runId, 'sug_a', 'first draft line')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('edit_conflict');
      expect(await f.publications(runId)).toBe(0);
      expect(await f.publishedPage(runId, f.page.path)).toBeUndefined();
    });
  });
}
