/**
 * Everything the API and the workflow must agree on: run statuses, inputs, messages and search
 * attributes. Imported by workflow code, so it stays deterministic and dependency-light.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

import type { RunStatus, TerminalStatus } from '../core/run-status.js';
import type { TypedConfig } from '../core/typed-config.js';

/** Workflow type names, for clients and schedules that start workflows by name. */
export const workflowTypes = {
  docUpdate: 'docUpdateWorkflow',
  sourceMerged: 'sourceMergedWorkflow',
  maintenance: 'maintenanceWorkflow',
  projectTask: 'projectTaskWorkflow',
  docsPRs: 'docsPRsWorkflow',
  backfill: 'backfillWorkflow',
  purgeDeliveries: 'purgeDeliveriesWorkflow',
  batch: 'batchWorkflow',
  scheduledRun: 'scheduledRunWorkflow',
} as const;

/** One check of a project's open docs PRs (`limits`), started by its schedule or on request. */
export interface DocsPRsInput {
  projectId: string;
}

/** A backfill of a project (`POST /v1/projects/:id/backfill`); its settings are in its database row. */
export interface BackfillInput {
  backfillId: string;
  dryRun: boolean;
}

export interface BackfillResult {
  total: number;
  runsStarted: number;
}

/** One change a batched project collects instead of starting a run for it; `key` says which change it is (`owner/repo#12`). */
export interface BatchChange {
  key: string;
  source: TypedConfig;
  /** How people name it, for the open batch's view. */
  label: string;
  trigger: string;
  note?: string;
  sourceMerged?: boolean;
  /** New commits on a change: replaces the change's source only when the batch holds it already. */
  onlyIfPresent?: boolean;
}

/** A project's open batch: closes at `closesAt` (ms) or once it holds `maxChanges`, then runs them as one. */
export interface BatchInput {
  projectId: string;
  closesAt: number;
  maxChanges: number;
  /** Changes carried over from the previous window (more than `maxChanges`, or arriving as it closed). */
  changes?: BatchChange[];
}

export interface BatchResult {
  runId?: string;
  changes: number;
}

export interface BatchState {
  changes: { key: string; label: string }[];
  closesAt: number;
  maxChanges: number;
}

/** One fire of a project's `schedule` trigger; `trigger` names the entry (its schedule id). */
export interface ScheduledRunInput {
  projectId: string;
  trigger: string;
}

/** One run of a project's recurring task (a ticket sweep), started by its schedule or on request. */
export interface ProjectTaskInput {
  provider: string;
  task: string;
  projectId: string;
}

export interface ProjectTaskResult {
  runsStarted: number;
  counts: Record<string, unknown>;
}

/** One purge of the webhook deliveries kept for replay, started by the deployment's schedule. */
export interface PurgeDeliveriesInput {
  /** Deliveries received longer ago than this lose what was kept of them; 0 purges all. */
  retentionMs: number;
}

/** One run of a connection's recurring task (a health check, a webhook redelivery). */
export interface MaintenanceInput {
  provider: string;
  task: string;
  integrationId: string;
}

export interface DocUpdateInput {
  runId: string;
  projectId: string;
  /** What started the run: `manual`, or a provider event. */
  trigger: string;
  source: TypedConfig;
  /** One line describing the source, for the `DocflowSource` search attribute. */
  sourceLabel: string;
  review: { required: boolean; expireAfterMs: number; autoPublishAbove?: number };
  /** True when the run starts from an already merged change (a trigger with `on: merged`). */
  sourceMerged?: boolean;
  /** The project caps its open docs PRs (`limits`): the run takes a slot, or waits `queued`, before gathering. */
  docsPRLimit?: boolean;
}

export interface DocUpdateResult {
  status: TerminalStatus;
  reason?: string;
  message?: string;
  suggestionId?: string;
  location?: string;
}

/** A reviewer's decision; `reviewer` is the identity the API authenticated, never the caller's claim. */
export type ReviewDecision =
  /** `suggestionId`: a revision the reviewer edited (stored and validated before the decision); it is published instead of the draft. */
  | { action: 'approve'; reviewer: string; suggestionId?: string }
  | { action: 'reject'; reason: string; reviewer: string }
  | { action: 'request_changes'; feedback: string; reviewer: string };

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
export const sourceUpdatedSignal = defineSignal<[TypedConfig]>('sourceUpdated');
/** The change was closed: unmerged ends the run (`rejected`, reason `source_closed`); merged is noted. */
export const sourceClosedSignal = defineSignal<[{ merged: boolean }]>('sourceClosed');
/** Something the run depends on went away (its integration was disconnected): end it `failed` with this reason. */
export const abortSignal = defineSignal<[{ reason: string; message: string }]>('abort');
export const stateQuery = defineQuery<RunState>('state');
/** One of the project's docs PR slots may be free (a docs PR closed): a queued run asks for one again. */
export const docsPRSlotSignal = defineSignal('docsPRSlotFreed');
/** A change for the project's open batch (counted once per key: a later delivery of the same change replaces it). */
export const batchChangeSignal = defineSignal<[BatchChange]>('batchChange');
/** The change was closed without being merged: it leaves the open batch. */
export const batchWithdrawSignal = defineSignal<[{ key: string }]>('batchWithdraw');
export const batchStateQuery = defineQuery<BatchState>('batchState');

export const searchAttributes = {
  status: defineSearchAttributeKey('DocflowStatus', SearchAttributeType.KEYWORD),
  project: defineSearchAttributeKey('DocflowProject', SearchAttributeType.KEYWORD),
  source: defineSearchAttributeKey('DocflowSource', SearchAttributeType.KEYWORD),
} as const;

/**
 * What the payload codec hands a workflow in place of a payload docflow did not encrypt (someone with
 * access to Temporal but not to DOCFLOW_SECRET_KEY). Handlers ignore it and validators refuse it, so it
 * can neither act on a run nor wedge it.
 */
export const untrustedPayload = { $docflowUntrusted: true } as const;

export const isUntrusted = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'object' && (value as Record<string, unknown>).$docflowUntrusted === true);

/** Failure reasons a run can end with, besides the types raised by activities. */
export const failureReasons = {
  notAwaitingReview: 'not_awaiting_review',
  invalidDecision: 'invalid_decision',
  untrustedInput: 'untrusted_input',
} as const;
