import { describe, expect, it } from 'vitest';
import type { TypedConfig } from '../../../core/typed-config.js';
import { AppError } from '../../../core/errors.js';
import type { DestinationAdapter, PublishRequest } from '../../../integrations/contract.js';
import type { GitStore } from '../../../integrations/kit/git-publish/git-store.js';

/** A code host's git destination against its fake, for undoing a publish (`unpublish`: withdraw + deleteBranch). */
export interface GitUndoFixture<D extends TypedConfig> {
  adapter: DestinationAdapter<D>;
  destination: D;
  /** How messages name the repository. */
  label: string;
  page: { path: string; line: string };
  /** The branch's head on the host; undefined when it does not exist. */
  branchHead(branch: string): Promise<string | undefined>;
  /** The state of the review (pull/merge request) opened from the branch, as the host names it. */
  reviewState(branch: string): Promise<string | undefined>;
  /** What the host calls a withdrawn review (`closed`, `DECLINED`) and the verb docflow's answer uses. */
  withdrawn: { state: string; said: string };
  /** Someone else commits on the branch. */
  commitByOthers(branch: string): Promise<void>;
  /** The provider's git store on the docs repository. */
  store: GitStore;
  close(): Promise<void>;
}

/**
 * What a code host's destination must do to take part in a publish to several destinations: undo a
 * run's publish by withdrawing its review and deleting its branch, saying what it undid, the same
 * again on a repeat; a branch someone else committed on is kept.
 */
export function gitUndoContract<D extends TypedConfig>(name: string, setup: () => Promise<GitUndoFixture<D>>): void {
  describe(`${name} undo (several destinations)`, () => {
    it('withdraws the run’s review and deletes its branch, once; a branch someone else committed on is kept', async () => {
      const f = await setup();
      const edit = (runId: string): PublishRequest => ({
        runId,
        suggestionId: 'sug_undo',
        title: 'docs: undo',
        body: 'An undo test publishes this.',
        edits: [{ path: f.page.path, before: f.page.line, after: 'undone line', rationale: 'undo', citations: [] }],
        timestamp: 1_700_000_000_000,
        sourceLabel: 'undo source',
        sourceMerged: true,
      });
      try {
        const first = edit('run_undo1');
        const result = await f.adapter.publish(f.destination, first);
        const branch = 'docflow/run_undo1';
        expect(await f.branchHead(branch)).toBe(result.commit);
        const undone = await f.adapter.unpublish!(f.destination, result, first);
        expect(undone).toBe(`${f.withdrawn.said} ${result.url}, deleted branch ${branch} in ${f.label}`);
        expect(await f.branchHead(branch)).toBeUndefined();
        expect(await f.reviewState(branch)).toBe(f.withdrawn.state);
        // A repeat after a crash finds everything undone and says the same.
        expect(await f.adapter.unpublish!(f.destination, result, first)).toBe(undone);

        const second = edit('run_undo2');
        const kept = await f.adapter.publish(f.destination, second);
        await f.commitByOthers('docflow/run_undo2');
        const moved = await f.branchHead('docflow/run_undo2');
        expect(await f.adapter.unpublish!(f.destination, kept, second)).toBe(
          `${f.withdrawn.said} ${kept.url}, kept branch docflow/run_undo2 in ${f.label}: its last commit is not docflow's`,
        );
        expect(await f.branchHead('docflow/run_undo2')).toBe(moved);
      } finally {
        await f.close();
      }
    });

    it('the store deletes a branch only while it points at the expected commit; one gone is nothing to do', async () => {
      const f = await setup();
      try {
        const branch = 'docflow/run_undo3';
        const result = await f.adapter.publish(f.destination, {
          runId: 'run_undo3',
          suggestionId: 'sug_undo',
          title: 'docs: undo',
          body: 'An undo test publishes this.',
          edits: [{ path: f.page.path, before: f.page.line, after: 'undone line', rationale: 'undo', citations: [] }],
          timestamp: 1_700_000_000_000,
          sourceLabel: 'undo source',
          sourceMerged: true,
        });
        const stale = await f.store.deleteBranch!(branch, 'f'.repeat(40)).catch((e: unknown) => e);
        expect(stale instanceof AppError && stale.code).toBe('branch_conflict');
        expect(await f.branchHead(branch)).toBe(result.commit);
        await f.store.deleteBranch!(branch, result.commit!);
        expect(await f.branchHead(branch)).toBeUndefined();
        await f.store.deleteBranch!(branch, result.commit!);
      } finally {
        await f.close();
      }
    });
  });
}
