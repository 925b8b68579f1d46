import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  ContinueAsNew,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.js';
import {
  failureReasons,
  isUntrusted,
  reviewUpdate,
  abortSignal,
  docsPRSlotSignal,
  searchAttributes,
  sourceClosedSignal,
  sourceUpdatedSignal,
  stateQuery,
  type DocUpdateInput,
  type DocUpdateResult,
  type ReviewDecision,
  type RunState,
} from './messages.js';
import type { RunStatus, TerminalStatus } from '../core/run-status.js';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' } as const;

const { gatherContext, draftSuggestion } = proxyActivities<Activities>({
  startToCloseTimeout: '10m',
  // They heartbeat while they work: a killed worker's attempt is retried elsewhere after 15 s, not 10 min.
  heartbeatTimeout: '15s',
  retry: { ...retry, maximumAttempts: 10 },
});
const { publishSuggestion, unpublishSuggestion } = proxyActivities<Activities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '15s',
  retry: { ...retry, maximumAttempts: 20 },
});
// Telling the source (a PR comment) is a courtesy: bounded retries, and a failure does not fail the run.
const { reportOutcome, markDocsReady } = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  retry: { ...retry, maximumAttempts: 5 },
});
// Review cards and notifications are shown to people: a few attempts, and a failure does not fail the run.
const { announceRun } = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { ...retry, maximumAttempts: 3 },
});
/** Statuses people are shown (a review card, notifications): waiting, decided, re-drafting and every ending. */
const cardStatuses: readonly RunStatus[] = [
  'awaiting_review',
  'drafting',
  'publishing',
  'published',
  'rejected',
  'expired',
  'failed',
  'no_changes',
];
const { claimDocsPR, releaseDocsPR } = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { ...retry, maximumAttempts: 10 },
});
/** A queued run asks for a docs PR slot again at least this often, in case a release signal was missed. */
const queuedRecheckMs = 3_600_000;
// Status bookkeeping must never be lost: retried until the database answers.
const { recordStatus } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { ...retry, maximumInterval: '30s' },
});

interface Outcome {
  reason?: string;
  message?: string;
  location?: string;
  /** Where readers see what was published (a help-center article's public page), when the destination says. */
  url?: string;
  /** Where each of a project's several destinations published, in the order they were published. */
  destinations?: PublishedAt[];
}

interface PublishedAt {
  type: string;
  location: string;
  url?: string;
}

/**
 * One documentation update, from a change to a published edit:
 * gathering_context → drafting → awaiting_review → publishing → published,
 * or rejected / no_changes / expired / failed with a reason.
 */
export async function docUpdateWorkflow(input: DocUpdateInput): Promise<DocUpdateResult> {
  if (isUntrusted(input))
    throw ApplicationFailure.nonRetryable(
      'the run was started with input docflow did not encrypt',
      failureReasons.untrustedInput,
    );
  const state: RunState = { status: 'pending', revision: 0, timeline: [] };
  const execution = workflowInfo().runId;
  let source = input.source;
  let sourceVersion = 0;
  let sourceMerged = input.sourceMerged ?? false;
  let sourceClosed = false;
  let aborted: { reason: string; message: string } | undefined;
  let decision: ReviewDecision | undefined;
  // True only while the run waits for a decision; closed before the next await so a late reviewer is refused.
  let reviewOpen = false;
  const feedback: string[] = [];
  // The last reviewer's name, for the review card.
  let decidedBy: string | undefined;

  // A docs PR slot may be free; and whether this run holds one (released if it ends without publishing).
  let slotFreed = false;
  let holdsSlot = false;
  setHandler(docsPRSlotSignal, () => void (slotFreed = true));
  setHandler(stateQuery, () => state);
  setHandler(sourceUpdatedSignal, (next) => {
    // A source of another kind cannot replace this one; the same source again (a redelivered event) changes nothing.
    if (isUntrusted(next) || next.type !== source.type || JSON.stringify(next) === JSON.stringify(source)) return;
    source = next;
    sourceVersion++;
  });
  setHandler(abortSignal, (why) => {
    if (isUntrusted(why) || typeof why.reason !== 'string') return;
    aborted ??= why;
  });
  setHandler(sourceClosedSignal, (closed) => {
    if (isUntrusted(closed) || typeof closed.merged !== 'boolean') return;
    if (closed.merged) sourceMerged = true;
    else sourceClosed = true;
  });
  setHandler(
    reviewUpdate,
    (d) => {
      decision = d;
      return { status: d.action === 'approve' ? 'publishing' : d.action === 'reject' ? 'rejected' : 'drafting' };
    },
    { validator: (d) => validateDecision(state, reviewOpen && !decision, d, input.runId) },
  );

  async function transition(status: RunStatus, outcome: Outcome = {}): Promise<void> {
    const at = Date.now();
    await recordStatus({
      runId: input.runId,
      run: { projectId: input.projectId, trigger: input.trigger, source },
      status,
      at,
      reason: outcome.reason,
      reasonMessage: outcome.message,
      suggestionId: state.suggestionId,
      // The public URL is only a value of the activity's input: histories recorded without it replay unchanged.
      result: outcome.location
        ? {
            location: outcome.location,
            ...(outcome.url ? { url: outcome.url } : {}),
            ...(outcome.destinations ? { destinations: outcome.destinations } : {}),
          }
        : undefined,
    });
    upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
    Object.assign(state, { status, reason: outcome.reason, message: outcome.message });
    state.timeline.push({ status, at });
    // Histories recorded before review channels existed replay without this call.
    if (cardStatuses.includes(status) && (status !== 'drafting' || state.revision > 0) && patched('review-channel')) {
      await announceRun({
        runId: input.runId,
        projectId: input.projectId,
        status,
        ...(decidedBy ? { decidedBy } : {}),
        ...(outcome.location ? { location: outcome.location } : {}),
        ...(outcome.message ? { message: outcome.message } : {}),
      }).catch(() => undefined);
    }
  }

  /** A run that ends without a docs PR gives its slot back, and the runs queued for one are told. */
  async function releaseSlot(): Promise<void> {
    if (!holdsSlot) return;
    holdsSlot = false;
    const next = await releaseDocsPR({ projectId: input.projectId, runId: input.runId });
    for (const runId of next)
      await getExternalWorkflowHandle(runId)
        .signal(docsPRSlotSignal)
        .catch(() => undefined);
  }

  async function finish(status: TerminalStatus, outcome: Outcome = {}): Promise<DocUpdateResult> {
    await transition(status, outcome);
    if (status !== 'published') await releaseSlot();
    if (status === 'published' || status === 'no_changes') {
      const report = {
        runId: input.runId,
        status,
        location: outcome.location,
        url: outcome.url,
        reason: outcome.message,
      };
      await reportOutcome({ projectId: input.projectId, source, outcome: report }).catch(() => undefined);
    }
    // The change merged while this run was publishing its update as a draft: it is ready now.
    if (status === 'published' && publishedUnmerged && sourceMerged) {
      await markDocsReady({ projectId: input.projectId, runId: input.runId }).catch(() => undefined);
    }
    await condition(allHandlersFinished);
    // New commits that arrived while this run was finishing would be lost with it: run again on them.
    if (sourceVersion !== gatheredVersion && !(status === 'rejected' || status === 'failed')) {
      await continueAsNew<typeof docUpdateWorkflow>({ ...input, source, sourceMerged });
    }
    return {
      status,
      reason: outcome.reason,
      message: outcome.message,
      suggestionId: state.suggestionId,
      location: outcome.location,
    };
  }

  const closedOutcome = { reason: 'source_closed', message: 'The change was closed without being merged.' };
  // The source version the current draft was gathered from.
  let gatheredVersion = -1;
  let publishNote: string | undefined;
  let publishedUnmerged = false;
  // The destinations with edits, when the project has several (the latest draft says).
  let publishTo: { position: number; type: string }[] | undefined;
  try {
    // Waiting here costs nothing: no tokens spent, and the draft is written against the docs as they are once a slot frees.
    if (input.docsPRLimit && patched('docs-pr-limit')) {
      const queuedAt = Date.now();
      for (;;) {
        slotFreed = false;
        const claim = await claimDocsPR({ projectId: input.projectId, runId: input.runId });
        if (claim.go) {
          holdsSlot = !claim.join;
          break;
        }
        if (state.status !== 'queued' || state.message !== claim.reason)
          await transition('queued', { reason: 'docs_pr_limit', message: claim.reason });
        const left = input.review.expireAfterMs - (Date.now() - queuedAt);
        if (left <= 0) {
          gatheredVersion = sourceVersion; // nothing was gathered, so nothing newer is left to run again
          return await finish('expired', {
            reason: 'queue_expired',
            message: `Still queued after ${Math.round(input.review.expireAfterMs / 1000)} seconds: ${claim.reason}.`,
          });
        }
        await condition(() => slotFreed || aborted !== undefined || sourceClosed, Math.min(left, queuedRecheckMs));
        if (aborted) return await finish('failed', aborted);
        if (sourceClosed) return await finish('rejected', closedOutcome);
      }
    }
    let contextId: string | undefined;
    let gathers = 0;
    for (;;) {
      const version = sourceVersion;
      if (aborted) return await finish('failed', aborted);
      if (sourceClosed) return await finish('rejected', closedOutcome);
      if (gatheredVersion !== version) {
        await transition('gathering_context');
        const gathered = await gatherContext({
          runId: input.runId,
          execution,
          projectId: input.projectId,
          source,
          attempt: ++gathers,
        });
        gatheredVersion = version;
        if (gathered.skip) return await finish('skipped', gathered.skip);
        contextId = gathered.contextId;
        if (sourceVersion !== version) continue;
      }

      await transition('drafting');
      const draft = await draftSuggestion({
        runId: input.runId,
        execution,
        projectId: input.projectId,
        contextId: contextId!,
        revision: ++state.revision,
        feedback: [...feedback],
      });
      state.suggestionId = draft.suggestionId;
      publishTo = draft.destinations;
      if (sourceVersion !== version || sourceClosed || aborted) continue;
      if (draft.edits === 0)
        return await finish('no_changes', { reason: 'no_docs_affected', message: draft.noChangesReason });
      if (!input.review.required) break;
      const threshold = input.review.autoPublishAbove;
      if (threshold !== undefined && draft.confidence >= threshold) {
        publishNote = `Published without review: the draft's confidence ${draft.confidence} reached the project's threshold ${threshold}.`;
        break;
      }

      // Open before recording: whenever the database says awaiting_review, a replayed run agrees, even
      // when a restarted worker sees the recording's completion and a decision in one activation.
      reviewOpen = true;
      await transition('awaiting_review');
      const answered = await condition(
        () => decision !== undefined || sourceVersion !== version || sourceClosed || aborted !== undefined,
        input.review.expireAfterMs,
      );
      reviewOpen = false;
      if (!answered) {
        return await finish('expired', {
          reason: 'review_expired',
          message: `No review decision within ${Math.round(input.review.expireAfterMs / 1000)} seconds.`,
        });
      }
      const current = decision;
      decision = undefined;
      if (current) decidedBy = current.reviewer;
      if (!current) continue; // new commits arrived (gather again and re-draft) or the change was closed
      if (current.action === 'approve') {
        // A reviewer's edited revision of the draft replaces it (no command: histories without one replay unchanged).
        if (current.suggestionId) state.suggestionId = current.suggestionId;
        break;
      }
      if (current.action === 'reject')
        return await finish('rejected', { reason: 'rejected_by_reviewer', message: current.reason });
      feedback.push(current.feedback);
    }

    await transition('publishing', publishNote ? { message: publishNote } : {});
    publishedUnmerged = !sourceMerged;
    const publishInput = {
      runId: input.runId,
      projectId: input.projectId,
      suggestionId: state.suggestionId!,
      sourceLabel: input.sourceLabel,
      sourceMerged,
      timestamp: Date.now(),
    };
    // Histories recorded before projects had several destinations never drafted for more than one.
    if (publishTo && patched('several-destinations')) {
      const everywhere = await publishEverywhere(publishTo, publishInput);
      if ('failed' in everywhere) return await finish('failed', everywhere.failed);
      return await finish('published', everywhere);
    }
    const published = await publishSuggestion(publishInput);
    // A destination's note (a change saved somewhere other than the obvious place) is the run's message.
    return await finish('published', {
      location: published.location,
      url: published.url,
      ...(published.note ? { message: published.note } : {}),
    });
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(async () => {
        await transition('failed', { reason: 'cancelled', message: 'The run was cancelled.' });
        await releaseSlot();
      });
      throw error;
    }
    const { reason, message } = describeFailure(error);
    return await finish('failed', { reason, message });
  }
}

type PublishInput = Parameters<Activities['publishSuggestion']>[0];

/**
 * Publishes to a project's several destinations one after another, as one unit: when one fails for good
 * (non-retryable, or its bounded retries spent), those already published are undone, latest first, and the
 * outcome names the destination that failed and what was undone (or could not be, for a person to finish).
 */
async function publishEverywhere(
  destinations: { position: number; type: string }[],
  input: PublishInput,
): Promise<Outcome | { failed: Outcome }> {
  const done: { position: number; type: string; result: Awaited<ReturnType<Activities['publishSuggestion']>> }[] = [];
  const name = (d: { position: number; type: string }) => `destination ${d.position} (${d.type})`;
  for (const destination of destinations) {
    try {
      done.push({ ...destination, result: await publishSuggestion({ ...input, destination: destination.position }) });
    } catch (error) {
      if (isCancellation(error)) throw error;
      const { reason, message } = describeFailure(error);
      const undone: string[] = [];
      for (const published of [...done].reverse()) {
        try {
          const what = await unpublishSuggestion({
            ...input,
            destination: published.position,
            result: published.result,
          });
          undone.push(`${name(published)}: ${what}`);
        } catch (failure) {
          undone.push(
            `${name(published)}: NOT undone (${describeFailure(failure).message}); ${published.result.location} needs a person`,
          );
        }
      }
      const after = undone.length ? `Undone: ${undone.join('; ')}.` : 'Nothing had been published.';
      return { failed: { reason, message: `${name(destination)} failed: ${message}. ${after}` } };
    }
  }
  const notes = done.flatMap((d) => (d.result.note ? [`${name(d)}: ${d.result.note}`] : []));
  return {
    location: done[0]!.result.location,
    ...(done[0]!.result.url ? { url: done[0]!.result.url } : {}),
    destinations: done.map((d) => ({
      type: d.type,
      location: d.result.location,
      ...(d.result.url ? { url: d.result.url } : {}),
    })),
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}

function validateDecision(state: RunState, open: boolean, d: ReviewDecision, runId: string): void {
  if (isUntrusted(d) || typeof d.reviewer !== 'string' || !d.reviewer.trim()) {
    throw ApplicationFailure.nonRetryable(
      'a decision must come through the docflow API, which names the reviewer',
      failureReasons.invalidDecision,
    );
  }
  if (!open) {
    const status = state.status === 'awaiting_review' ? 'closing its review' : state.status;
    throw ApplicationFailure.nonRetryable(`run is ${status}, not awaiting review`, failureReasons.notAwaitingReview);
  }
  const text = d.action === 'reject' ? d.reason : d.action === 'request_changes' ? d.feedback : '';
  if (!['approve', 'reject', 'request_changes'].includes(d.action) || (d.action !== 'approve' && !text?.trim())) {
    throw ApplicationFailure.nonRetryable(
      'a rejection needs a reason and a change request needs feedback',
      failureReasons.invalidDecision,
    );
  }
  if (
    d.action === 'approve' &&
    d.suggestionId !== undefined &&
    (typeof d.suggestionId !== 'string' || !d.suggestionId.startsWith(`sug_${runId}_`))
  ) {
    throw ApplicationFailure.nonRetryable(
      'an edited suggestion must be a revision of this run',
      failureReasons.invalidDecision,
    );
  }
}

function describeFailure(error: unknown): { reason: string; message: string } {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return { reason: cause.type ?? 'activity_failed', message: cause.message };
  if (cause instanceof Error) return { reason: 'activity_failed', message: cause.message };
  return { reason: 'internal_error', message: String(cause) };
}
