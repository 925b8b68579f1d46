import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { Project } from '../../../core/project.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import type { SourceAdapter } from '../../../integrations/contract.js';

/** A provider's source against its own fake. */
export interface SourceFixture<S extends TypedConfig> {
  adapter: SourceAdapter<S>;
  project: Project;
  /** A source as people ask for it: a branch name, HEAD, a snapshot folder (or commit shas where the provider takes only those). */
  source: S;
  /** Moves what `source` names: a new commit on its branch, an edited snapshot. */
  move(): Promise<void>;
  /** Sources naming revisions that do not exist, by what is wrong with them. */
  unknown: Record<string, S>;
  close?(): Promise<void>;
}

export interface SourceTraits {
  /** `source` names something that can move, so pinning must change it (false: the provider takes only commit shas). */
  symbolic: boolean;
  /** Whether `validateSource` checks that the revisions exist; false registers the gap as a todo. */
  refusesUnknownRevisions: boolean;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/** What every source promises: validateSource pins revisions, a moved branch does not change what a pinned run reads, unknown revisions are invalid_source. */
export function sourceContract<S extends TypedConfig>(
  name: string,
  traits: SourceTraits,
  setup: () => Promise<SourceFixture<S>>,
): void {
  describe(`${name} source contract`, () => {
    let f: SourceFixture<S>;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f?.close?.();
    });

    it('pins the source: the result is immutable and pinning it again changes nothing', async () => {
      const pinned = await f.adapter.validateSource(f.source, f.project);
      if (traits.symbolic) expect(pinned).not.toEqual(f.source);
      expect(await f.adapter.validateSource(pinned, f.project)).toEqual(pinned);
    });

    it('reads what was pinned even after the branch moves (or refuses with invalid_source), never the moved revision', async () => {
      const pinned = await f.adapter.validateSource(f.source, f.project);
      const before = await f.adapter.gatherContext(pinned, f.project);
      await f.move();
      // The move is real: asked again, the same source names something else.
      if (traits.symbolic) expect(await f.adapter.validateSource(f.source, f.project)).not.toEqual(pinned);
      const after = await f.adapter.gatherContext(pinned, f.project).catch((e: unknown) => e);
      if (after instanceof AppError) expect(after.code).toBe('invalid_source');
      else expect(after).toEqual(before);
    });

    if (traits.refusesUnknownRevisions) {
      it('refuses unknown revisions with invalid_source', async () => {
        expect(Object.keys(f.unknown).length).toBeGreaterThan(0);
        for (const [what, source] of Object.entries(f.unknown)) {
          const error = await failure(f.adapter.validateSource(source, f.project));
          expect(error, what).toBeInstanceOf(AppError);
          expect((error as AppError).code, what).toBe('invalid_source');
        }
      });
    } else {
      it.todo('refuses unknown revisions with invalid_source (validateSource does not look the revisions up yet)');
    }
  });
}
