import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface ApiKeysTable {
  id: string;
  name: string;
  /** First characters of the key, shown so people can tell keys apart. */
  prefix: string;
  /** SHA-256 of the whole key; the key itself is never stored. */
  hash: string;
  role: string;
  /** Teams the key's holder belongs to, for projects that name reviewer teams. */
  teams: ColumnType<string[], string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ProjectsTable {
  id: string;
  name: string;
  /** Triggers, context, destinations and review settings, validated by api/schemas. */
  config: Json<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RunsTable {
  id: string;
  project_id: string;
  status: string;
  reason: string | null;
  reason_message: string | null;
  trigger: string;
  source: Json<unknown>;
  note: string | null;
  /** The API key that started the run; null when a webhook did. */
  requested_by: string | null;
  suggestion_id: string | null;
  result: Json<unknown> | null;
  /** `SuggestedReviewer[]`, set when a draft is written. */
  suggested_reviewers: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RunEventsTable {
  id: Generated<number>;
  run_id: string;
  status: string;
  detail: string | null;
  at: Timestamp;
}

export interface ChangeContextsTable {
  id: string;
  run_id: string;
  body: Json<unknown>;
  created_at: Timestamp;
}

export interface SuggestionsTable {
  id: string;
  run_id: string;
  revision: number;
  drafter: string;
  summary: string;
  edits: Json<unknown>;
  impacted: Json<unknown>;
  feedback: Json<unknown>;
  no_changes_reason: string | null;
  confidence: number | null;
  usage: Json<unknown> | null;
  page_versions: Json<unknown> | null;
  destinations: Json<unknown> | null;
  created_at: Timestamp;
}

export interface ProjectFeedbackTable {
  id: Generated<number>;
  project_id: string;
  run_id: string;
  feedback: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor: string;
  action: string;
  target: string | null;
  request_id: string | null;
  source_ip: string | null;
  outcome: string;
  at: Timestamp;
}

export interface IntegrationsTable {
  id: string;
  provider: string;
  base_url: string;
  status: string;
  settings: Json<unknown>;
  sealed_secrets: string;
  created_by: string;
  created_at: Timestamp;
  status_detail: string | null;
  checked_at: Timestamp | null;
}

export interface WebhookDeliveriesTable {
  integration_id: string;
  delivery_id: string;
  event: string;
  outcome: string;
  detail: string | null;
  received_at: Timestamp;
  /** A verified delivery kept for replay: `{headers, body}` sealed by the secret box; null once purged or not kept. */
  sealed_request: string | null;
  /** What the kept delivery led to (`DeliveryEffect[]`), sealed; null until its commands ran. */
  sealed_outcome: string | null;
}

/** The single row naming this installation; see bin/check-state.ts. */
export interface InstallationTable {
  singleton: Generated<boolean>;
  id: string;
  /** A fixed text sealed with the secret key when the database was first used: a wrong key is found at start. */
  key_canary: string;
  /** When Temporal's marker was first written; null while the first start is unfinished. */
  bound_at: Timestamp | null;
  created_at: Timestamp;
}

export interface WebSessionsTable {
  id: string;
  token_hash: string;
  api_key_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ProjectTaskRunsTable {
  id: string;
  project_id: string;
  provider: string;
  task: string;
  status: 'running' | 'completed' | 'failed';
  counts: Json<Record<string, unknown>>;
  detail: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ProjectTaskCursorsTable {
  project_id: string;
  provider: string;
  task: string;
  cursor: string;
  updated_at: Timestamp;
}

export interface ArticlePublicationsTable {
  run_id: string;
  suggestion_id: string;
  pages: Json<unknown>;
  result: Json<unknown> | null;
  updated_at: Timestamp;
}

export interface DocsPRsTable {
  run_id: string;
  project_id: string;
  state: string;
  suggestion_id: string | null;
  location: string | null;
  joined: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface BackfillsTable {
  id: string;
  project_id: string;
  since: string;
  window_start: Timestamp;
  dry_run: boolean;
  max_runs: number;
  status: 'listing' | 'assessing' | 'starting' | 'completed' | 'failed';
  total: ColumnType<number | null, number | undefined, number>;
  done: ColumnType<number, number | undefined, number>;
  /** Per trigger entry: how many changes its history gave, or why it could not be read. */
  triggers: ColumnType<unknown, string | undefined, string>;
  detail: ColumnType<string | null, string | undefined, string | null>;
  requested_by: string | null;
  created_at: Timestamp;
  finished_at: ColumnType<Date | null, undefined, Date>;
}

export interface BackfillItemsTable {
  backfill_id: string;
  position: number;
  trigger_index: number;
  workflow_key: string;
  label: string;
  at: Timestamp;
  source: Json<unknown>;
  merged: boolean;
  /** What would happen (skipped with a reason, or the pages with confidence); null until assessed. */
  outcome: ColumnType<unknown, string | null | undefined, string>;
  /** The run started for it (`dryRun: false`), or the one that existed already. */
  run: ColumnType<unknown, undefined, string>;
}

export interface Database {
  api_keys: ApiKeysTable;
  projects: ProjectsTable;
  runs: RunsTable;
  run_events: RunEventsTable;
  change_contexts: ChangeContextsTable;
  suggestions: SuggestionsTable;
  audit_log: AuditLogTable;
  integrations: IntegrationsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  project_feedback: ProjectFeedbackTable;
  installation: InstallationTable;
  web_sessions: WebSessionsTable;
  project_task_runs: ProjectTaskRunsTable;
  project_task_cursors: ProjectTaskCursorsTable;
  article_publications: ArticlePublicationsTable;
  docs_prs: DocsPRsTable;
  backfills: BackfillsTable;
  backfill_items: BackfillItemsTable;
}

export type RunRow = Selectable<RunsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type SuggestionRow = Selectable<SuggestionsTable>;

export type IntegrationRow = Selectable<IntegrationsTable>;
