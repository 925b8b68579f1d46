import type { Request } from 'express';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { Db } from '../db/database.js';
import type { Project } from '../core/project.js';
import type { ChangeContext, DocPage, Edit } from '../core/change.js';
import type { SecretBox } from '../secrets/secret-box.js';

/**
 * Every provider folder exports one `IntegrationDefinition`: its config schemas (static, so project
 * validation and the OpenAPI document know them) and `create`, which builds its adapters with their
 * dependencies. A provider may play any of three roles: where runs come from (source, with an
 * optional webhook trigger), what they read (context), where approved edits go (destination).
 * Credentials never pass through adapter arguments or workflow history: adapters look them up.
 */
export interface IntegrationDefinition {
  provider: string;
  schemas: {
    trigger?: ZodType<TypedConfig>;
    context?: ZodType<TypedConfig>;
    source?: ZodType<TypedConfig>;
    destination?: ZodType<TypedConfig>;
    /** `POST /v1/integrations` body for providers that are connected with credentials. */
    connection?: ZodType<Record<string, unknown>>;
  };
  create(deps: IntegrationDeps): IntegrationAdapters;
}

export type TypedConfig = { type: string } & Record<string, unknown>;

export interface IntegrationDeps {
  db: Db;
  secrets: SecretBox;
  logger: Logger;
  /** Base URL docflow is reachable at (webhook URLs, links). */
  publicUrl: string;
  /** Whether user-supplied provider URLs may point at internal addresses (DOCFLOW_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
}

export interface IntegrationAdapters {
  source?: SourceAdapter<any>;
  destination?: DestinationAdapter<any>;
  connection?: ConnectionAdapter;
  webhook?: WebhookAdapter;
}

/** The outcome of gathering: the change, or why the run should not go on. */
export type Gathered = { change: ChangeContext } | { skip: { reason: string; message: string } };

export interface SourceAdapter<TSource extends TypedConfig> {
  sourceSchema: ZodType<TSource>;
  /** Checks a project's context entry can be read; throws AppError(`invalid_request`) naming the problem. */
  validateContext?(context: TypedConfig): Promise<void>;
  /**
   * Throws AppError(`invalid_source`) naming the problem; changes nothing. Returns the source pinned
   * to immutable revisions (a branch name or HEAD becomes a commit id) so the run reads what was asked.
   */
  validateSource(source: TSource, project: Project): Promise<TSource>;
  gatherContext(source: TSource, project: Project): Promise<Gathered>;
  /** One line for people and for the `DocflowSource` search attribute. */
  describeSource(source: TSource): string;
  /** Tells the source what became of the run (e.g. a comment on the pull request). */
  reportOutcome?(source: TSource, project: Project, outcome: SourceOutcome): Promise<void>;
}

export interface SourceOutcome {
  runId: string;
  status: 'published' | 'no_changes';
  location?: string;
  url?: string;
  reason?: string;
}

export interface DocsSnapshot {
  /** Revision of the docs the pages were read at. */
  revision: string;
  pages: DocPage[];
}

export interface PublishRequest {
  runId: string;
  suggestionId: string;
  title: string;
  body: string;
  edits: Edit[];
  /** Fixed by the workflow so a retried publish produces byte-identical objects. */
  timestamp: number;
  /** The change the update comes from, as its source describes it (GitHub links `owner/repo#12`). */
  sourceLabel: string;
  /** False while the source change is still open (destinations may publish as a draft). */
  sourceMerged: boolean;
}

export interface PublishResult {
  /** Where the update went: a branch or a pull request URL. */
  location: string;
  branch?: string;
  commit?: string;
  url?: string;
  /** False when an earlier attempt had already published this suggestion. */
  created: boolean;
}

export interface DestinationAdapter<TDestination extends TypedConfig> {
  /** Throws AppError(`invalid_destination`) naming the problem; changes nothing. */
  validateDestination(destination: TDestination): Promise<void>;
  readDocs(destination: TDestination): Promise<DocsSnapshot>;
  /** A file of the docs repository at the base branch (a style guide, say); undefined when absent. */
  readFile(destination: TDestination, path: string): Promise<string | undefined>;
  /** Idempotent: publishing the same suggestion twice yields the first result. */
  publish(destination: TDestination, request: PublishRequest): Promise<PublishResult>;
  /** The source change merged: a run's update published as a draft becomes ready for review. */
  markReady?(destination: TDestination, runId: string): Promise<'marked' | 'not_draft' | 'nothing_published'>;
}

/** Stores a provider connection's credentials (sealed) and checks them. */
export interface ConnectionAdapter {
  /** Validates the body and returns what to store: non-secret settings and the secrets to seal. */
  prepare(body: Record<string, unknown>): Promise<{ baseUrl: string; settings: Record<string, unknown>; secrets: Record<string, string> }>;
  /** Recurring work a connection needs (a Temporal Schedule each), created on connect and removed on disconnect. */
  schedules?(integrationId: string, settings: Record<string, unknown>): ConnectionSchedule[];
  /** GitHub App only: redeliver failed webhook deliveries (run by its schedule). */
  redeliverFailedWebhooks?(integrationId: string, lookbackMs: number): Promise<{ checked: number; redelivered: string[] }>;
}

export interface ConnectionSchedule {
  scheduleId: string;
  every: string;
  workflowType: string;
  args: unknown[];
}

/** What a webhook asks docflow to do; executed by the API after the signature check. */
export interface WebhookAdapter {
  /** Verifies the signature on the raw body; throws AppError('unauthorized') when it is missing or wrong. */
  verify(integrationId: string, req: Request, rawBody: Buffer): Promise<void>;
  /** The provider's delivery id and event name, for deduplication and the log. */
  delivery(req: Request): { id: string; event: string };
  /** Turns a verified event into run commands for the projects it concerns. */
  plan(integrationId: string, event: string, payload: unknown, projects: Project[]): Promise<TriggerCommand[]>;
}

export type TriggerCommand =
  /** Start the project's run for this change, or signal the running one with the new source. */
  | { kind: 'start_or_update'; projectId: string; workflowKey: string; source: TypedConfig; note?: string; trigger: string; sourceMerged?: boolean }
  /** New commits on a change whose run may not have started (it waits for an approval): signal only. */
  | { kind: 'update_if_running'; projectId: string; workflowKey: string; source: TypedConfig; trigger: string }
  /** The change was closed: end the run (rejected/source_closed) or note the merge. */
  | { kind: 'source_closed'; projectId: string; workflowKey: string; merged: boolean }
  /** Recorded and visible as a skipped run, so nothing is silently dropped. */
  | { kind: 'skip'; projectId: string; source: TypedConfig; trigger: string; reason: string; message: string };
