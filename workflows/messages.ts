/**
 * Everything the API and the workflow must agree on: run statuses, inputs, messages and search
 * attributes. Imported by workflow code, so it stays deterministic and dependency-light.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const workflowType = 'docUpdateWorkflow';

export const activeStatuses = ['pending', 'gathering_context', 'drafting', 'awaiting_review', 'publishing'] as const;
export const terminalStatuses = ['published', 'rejected', 'no_changes', 'expired', 'failed', 'skipped'] as const;
export const runStatuses = [...activeStatuses, ...terminalStatuses] as const;
export type RunStatus = (typeof runStatuses)[number];
export type TerminalStatus = (typeof terminalStatuses)[number];

export const isTerminal = (status: string): status is TerminalStatus => (terminalStatuses as readonly string[]).includes(status);

/** A run's source as the workflow sees it: a small reference, resolved by the source integration. */
export interface SourceRef {
  type: string;
  [field: string]: unknown;
}

export interface DocUpdateInput {
  runId: string;
  projectId: string;
  /** What started the run: `manual`, or a provider event. */
  trigger: string;
  source: SourceRef;
  /** One line describing the source, for the `DocflowSource` search attribute. */
  sourceLabel: string;
  review: { required: boolean; expireAfterMs: number; autoPublishAbove?: number };
  /** True when the run starts from an already merged change (a trigger with `on: merged`). */
  sourceMerged?: boolean;
}

export interface DocUpdateResult {
  status: TerminalStatus;
  reason?: string;
  message?: string;
  suggestionId?: string;
  location?: string;
}

export type ReviewDecision =
  /** `suggestionId`: a revision the reviewer edited (stored and validated before the decision); it is published instead of the draft. */
  | { action: 'approve'; reviewer?: string; suggestionId?: string }
  | { action: 'reject'; reason: string; reviewer?: string }
  | { action: 'request_changes'; feedback: string; reviewer?: string };

export interface ReviewOutcome {
  status: RunStatus;
}

export interface RunState {
  status: RunStatus;
  reason?: string;
  message?: string;
  suggestionId?: string;
  revision: number;
  timeline: { status: RunStatus; at: number }[];
}

/** Reviewer decision; the validator rejects it unless the run is awaiting review. */
export const reviewUpdate = defineUpdate<ReviewOutcome, [ReviewDecision]>('review');
/** New commits on the same change: re-gather context and re-draft in the same run. */
export const sourceUpdatedSignal = defineSignal<[SourceRef]>('sourceUpdated');
/** The change was closed: unmerged ends the run (`rejected`, reason `source_closed`); merged is noted. */
export const sourceClosedSignal = defineSignal<[{ merged: boolean }]>('sourceClosed');
/** Something the run depends on went away (its integration was disconnected): end it `failed` with this reason. */
export const abortSignal = defineSignal<[{ reason: string; message: string }]>('abort');
export const stateQuery = defineQuery<RunState>('state');

export const searchAttributes = {
  status: defineSearchAttributeKey('DocflowStatus', SearchAttributeType.KEYWORD),
  project: defineSearchAttributeKey('DocflowProject', SearchAttributeType.KEYWORD),
  source: defineSearchAttributeKey('DocflowSource', SearchAttributeType.KEYWORD),
} as const;

/** Failure reasons a run can end with, besides the types raised by activities. */
export const failureReasons = {
  notAwaitingReview: 'not_awaiting_review',
  invalidDecision: 'invalid_decision',
} as const;
