import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { ChangeContext, Citation, ContextReference, DocPage, Edit } from '../core/change.js';
import type { Project } from '../core/project.js';
import type { RunStatus } from '../core/run-status.js';
import type { SuggestedReviewer } from '../core/suggested-reviewers.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { Db } from '../db/database.js';
import type { IntegrationRow } from '../db/schema.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { OAuthClient } from './kit/oauth/tokens.js';
import type { OAuthDescriptor } from './kit/oauth/descriptor.js';

/**
 * What a provider folder exports: everything docflow needs to know about one provider. The static
 * part (schemas, OAuth descriptor) feeds the project schema, the configuration and `/openapi.json`;
 * `create` builds the adapters with their dependencies. A provider offers any subset of the
 * capabilities below. Credentials never pass through adapter arguments or workflow history:
 * adapters look them up by integration id.
 */
export interface ProviderDefinition {
  provider: string;
  /** How people name it ("GitHub"). */
  title: string;
  schemas: {
    trigger?: ZodType<TypedConfig>;
    context?: ZodType<TypedConfig>;
    source?: ZodType<TypedConfig>;
    destination?: ZodType<TypedConfig>;
    /** A project's `review.channel`: where its review cards go and who may decide there. */
    reviewChannel?: ZodType<TypedConfig>;
    /** An entry of a project's `notify`: where people hear about its runs. */
    notify?: ZodType<TypedConfig>;
    /** `POST /v1/integrations` body for providers connected with credentials (tokens, an App's key). */
    connection?: ZodType<Record<string, unknown>>;
  };
  /** The `type` of its destination entries when it is not the provider's name (`zendesk-help-center`). */
  destinationType?: string;
  /** Connected through the generic OAuth 2.0 flow (`/v1/integrations/:provider/connect`). */
  oauth?: OAuthDescriptor;
  /** What to tell an admin whose connection broke. */
  reconnectHint?: string;
  /** Entries people can start from (the review app's forms). */
  examples?: { context?: TypedConfig; destination?: TypedConfig; source?(context: TypedConfig): TypedConfig };
  /** Environment variables the provider reads (through `ProviderDeps.env`); the configuration knows them. */
  variables?: string[];
  /**
   * Browser ES modules the provider serves to the review app, by name (`/assets/providers/<provider>/<name>.js`):
   * what a destination's `preview` loads. Each returns the module's source; the default export is called with the preview's payload.
   */
  browserModules?: Record<string, () => string>;
  /** `docflow run` flags that describe a source of this provider (`--repo --base --head`). */
  cliSource?: { flags: string[]; source(flags: Record<string, string>): TypedConfig };
  create(deps: ProviderDeps): ProviderAdapters;
}

export interface ProviderDeps {
  db: Db;
  secrets: SecretBox;
  logger: Logger;
  /** Base URL docflow is reachable at (webhook URLs, links). */
  publicUrl: string;
  /** Whether user-supplied provider URLs may point at internal addresses (DOCFLOW_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
  /** OAuth apps the operator registered, by provider, with docflow's callback URL. */
  oauthClients: Record<string, OAuthClient | undefined>;
  /** The values of the environment variables providers declare (`ProviderDefinition.variables`). */
  env: Readonly<Record<string, string | undefined>>;
  /** docflow's data folder. */
  dataDir: string;
  /**
   * Follows a link to a change at whichever provider's source resolves it (a pull request linked in a
   * chat thread), with what that source gathers for it; undefined when no source of the project's
   * integrations knows the link. Set by `createIntegrations`.
   */
  followLink?(url: string, project: Project): Promise<LinkedChange | undefined>;
  /**
   * Tells the operator-level channels (`Notifier.operator`) that a connection's health changed; a
   * failure is logged, not thrown. Set by `createIntegrations`.
   */
  notifyOperators?(notification: ConnectionNotification): Promise<void>;
  /** The pages of the project's destination, read as drafting reads them (a docs audit checks them). Set by `createIntegrations`. */
  readProjectDocs?(project: Project): Promise<DocsSnapshot>;
  production: boolean;
}

/** The capabilities a provider may offer; each is optional. */
export interface ProviderAdapters {
  /** Where runs come from and what they read. */
  source?: SourceAdapter<any>;
  /** Where approved edits go, as files in a repository. */
  destination?: DestinationAdapter<any>;
  /** Stores and checks credentials given through the API. */
  connection?: ConnectionAdapter;
  /** A hosted install flow instead of OAuth (a GitHub App). */
  install?: InstallFlow;
  /** Turns the provider's webhook deliveries into run commands. */
  webhook?: WebhookReceiver;
  /** Recurring work each connection needs, run on a Temporal Schedule per connection. */
  maintenance?: MaintenanceTask[];
  /** Recurring work a project's trigger entry asks for (a ticket sweep), run on a Temporal Schedule per project. */
  projectTasks?: ProjectTask[];
  /** Shows a suggestion to reviewers and hands their decision back (as a `review` webhook command). */
  reviewChannel?: ReviewChannel<any>;
  /** Tells people about a run or a broken connection. */
  notifier?: Notifier<any>;
  /** Tickets or conversations swept on a schedule for what the docs fail to answer. */
  supportSource?: SupportSource<any>;
  /** Help-center pages that are HTML documents, not files in git. */
  articleDestination?: ArticleDestination<any>;
  /** Adds what it knows about a gathered change to the run's context (the issues the change names). */
  contextProvider?: ContextProvider<any>;
  /** Audits a project's docs against its code as a run of its own (`POST /v1/projects/:id/audit`). */
  projectAudit?: ProjectAudit;
}

/** What starts a docs audit of a project: the source entry of a run that audits the code at head. */
export interface ProjectAudit {
  /**
   * The source entry auditing `code.repo` at `code.ref` (default: the head), or the project's own code when no
   * repository is named; AppError(`invalid_request`) when the project has none this provider can read.
   */
  source(project: Project, code: { repo?: string; ref?: string }): TypedConfig;
}

/**
 * What a project's context entry of this provider adds to a change once its source gathered it: called
 * for each such entry before drafting. Throws for what a retry may fix (a rate limit); what it cannot
 * read for good (an unknown issue) belongs in `notes`.
 */
export interface ContextProvider<TEntry extends TypedConfig> {
  /** Checks a project's context entry can be read; throws AppError(`invalid_request`) naming the problem. */
  validateEntry?(entry: TEntry): Promise<void>;
  enrich(entry: TEntry, change: ChangeContext, project: Project): Promise<ContextAdditions>;
}

export interface ContextAdditions {
  references: ContextReference[];
  /** What was left out and why (`OPS-4: team OPS is not among the entry's teams`). */
  notes: string[];
}

/** The outcome of gathering: the change, or why the run should not go on. */
export type Gathered = { change: ChangeContext } | { skip: { reason: string; message: string } };

/** A change another source was asked to follow a link to: the pinned source and what it gathered. */
export interface LinkedChange {
  source: TypedConfig;
  label: string;
  gathered: Gathered;
}

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
  /**
   * A link to a change at this provider (a pull request or commit URL) as a source pinned to its
   * revisions, when one of the project's entries lets it read that change; undefined for any other
   * link. Throws AppError(`invalid_source`) when the link is this provider's but the change is not there.
   */
  resolveLink?(url: string, project: Project): Promise<TSource | undefined>;
  /**
   * The changes of a window that a trigger entry of this provider would have acted on (backfill), oldest first,
   * each pinned like `validateSource` pins and keyed as the provider's webhook keys it, so a run started from
   * history and one started by a webhook for the same change are one run. At most `limit` are listed.
   * Throws AppError(`invalid_request`) for a trigger whose history it cannot read (naming why).
   */
  history?(trigger: TypedConfig, project: Project, window: HistoryWindow): Promise<PastChange[]>;
  /** One line for people and for the `DocflowSource` search attribute. */
  describeSource(source: TSource): string;
  /** Tells the source what became of the run (e.g. a comment on the pull request). */
  reportOutcome?(source: TSource, project: Project, outcome: SourceOutcome): Promise<void>;
  /** Where people see the change at the provider (a pull request); undefined when it has no page. */
  sourceUrl?(source: TSource): string | undefined;
  /** Where people see a citation's lines at the provider; undefined shows the excerpt only. */
  citationUrl?(source: TSource, citation: Citation): string | undefined;
}

export interface HistoryWindow {
  since: Date;
  limit: number;
}

/** A change of the past, as a trigger would have seen it (a merged pull request, a merge commit). */
export interface PastChange {
  /** The key the provider's webhook plans the change's run under (`owner/repo#12`). */
  workflowKey: string;
  source: TypedConfig;
  /** One line for people (`owner/repo#12 Add --timeout`). */
  label: string;
  /** When it happened (merged, committed), ISO 8601. */
  at: string;
  /** True when the change was merged (a run then starts from a merged change). */
  merged: boolean;
  /** Set when the trigger's own rules leave it out (a docflow branch, paths), as they would have then. */
  skip?: { reason: string; message: string };
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
  /**
   * Each page's version at the destination (a help-center article's `updated_at`), by path, for destinations
   * whose pages change one by one outside git; recorded with the suggestion and handed back to `publish`.
   */
  versions?: Record<string, string>;
  /** The docs site's navigation and settings files (`mkdocs.yml` beside the docs folder, say), when it has them. */
  siteFiles?: DocPage[];
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
  /** Who to ask for a review where the destination has reviews (a pull request). */
  reviewers?: SuggestedReviewer[];
  /**
   * The version of each edited page when the suggestion was drafted (`DocsSnapshot.versions`): a destination
   * that tracks versions refuses a page that moved since with `edit_conflict`. Git destinations may ignore it.
   */
  pageVersions?: Record<string, string>;
}

export interface PublishResult {
  /** Where the update went: a branch or a pull request URL. */
  location: string;
  branch?: string;
  commit?: string;
  url?: string;
  /** False when an earlier attempt had already published this suggestion. */
  created: boolean;
  /** What people should know about where it went (a change saved as a draft copy of a live page); the run shows it. */
  note?: string;
}

export interface DestinationAdapter<TDestination extends TypedConfig> {
  /** Throws AppError(`invalid_destination`) naming the problem; changes nothing. */
  validateDestination(destination: TDestination): Promise<void>;
  readDocs(destination: TDestination): Promise<DocsSnapshot>;
  /** A file of the docs at the base revision (a style guide, say); undefined when absent. */
  readFile(destination: TDestination, path: string): Promise<string | undefined>;
  /** Idempotent: publishing the same suggestion twice yields the first result. */
  publish(destination: TDestination, request: PublishRequest): Promise<PublishResult>;
  /**
   * Undoes what `publish` did for `request` (whose result was `result`), when a project's other destination
   * failed for good: the run's pull request closed and its branch deleted, an edited article put back to the
   * version the suggestion was drafted on, an article it created deleted. Idempotent and safe to repeat after
   * a crash midway; answers the same words each time. Returns what was undone, for people (`closed …, deleted …`).
   * Projects with several destinations need it of every one.
   */
  unpublish?(destination: TDestination, result: PublishResult, request: PublishRequest): Promise<string>;
  /** The source change merged: a run's update published as a draft becomes ready for review. */
  markReady?(destination: TDestination, runId: string): Promise<'marked' | 'not_draft' | 'nothing_published'>;
  /** The owners (`@user`, `@org/team`) the docs repository's CODEOWNERS gives these pages. */
  codeOwners?(destination: TDestination, paths: string[]): Promise<string[]>;
  /**
   * What the review app's run page may offer to show the pages a run published in the provider's own
   * viewer (a help-center widget); undefined when there is nothing to show or it is not configured.
   */
  preview?(destination: TDestination, runId: string): Promise<PagePreview | undefined>;
  /**
   * The docs PRs a run opens (`docflow/<run id>` on a git host), for projects with `limits`: their state, closing
   * them, rebuilding them on a base branch that moved, and adding another run's edits as a further commit.
   * Destinations without it refuse a project that sets `limits`.
   */
  pullRequests?: DocsPullRequests<TDestination>;
}

/** What the docs host says of a run's docs PR; `reviewed`: someone submitted a review of it. */
export interface DocsPRStatus {
  state: 'open' | 'closed' | 'merged';
  reviewed: boolean;
}

/** `current`: the base did not move under the PR's pages; `rebuilt`: its commits now sit on the new base, less `conflicts` (pages whose edits no longer apply). */
export interface ReapplyResult {
  outcome: 'current' | 'rebuilt' | 'conflict';
  conflicts: string[];
  commit?: string;
}

export interface DocsPullRequests<TDestination extends TypedConfig> {
  status(destination: TDestination, runId: string): Promise<DocsPRStatus>;
  /** Closes the run's docs PR with `comment` (where the host has comments) and deletes nothing else. */
  close(destination: TDestination, runId: string, comment: string): Promise<void>;
  /**
   * When the base branch changed any page the PR's commits edit, rebuilds its branch from the new base with the
   * same commits (`commits`, oldest first, as they were published); a page whose edits no longer apply is left out
   * and named in a comment on the PR. Nothing changes when the base did not move under the PR's pages.
   */
  reapply(destination: TDestination, runId: string, commits: PublishRequest[]): Promise<ReapplyResult>;
  /** Adds `request`'s edits as another commit on `runId`'s docs PR and lists its source in the PR's body; idempotent. */
  append(destination: TDestination, runId: string, request: PublishRequest): Promise<PublishResult>;
}

/** A button on a published run's page that loads one of the provider's `browserModules` and hands it `payload`. */
export interface PagePreview {
  /** The button's text ("Preview in Messenger"). */
  label: string;
  provider: string;
  /** A name of the provider's `browserModules`. */
  module: string;
  /** JSON handed to the module's default export. */
  payload: Record<string, unknown>;
  /** Sources the page's Content-Security-Policy must allow for the preview, by directive (`script-src`); only that page gets them. */
  csp: Record<string, string[]>;
}

/** What to store for a connection: non-secret settings and the secrets to seal. */
export interface PreparedConnection {
  baseUrl: string;
  settings: Record<string, unknown>;
  /** Sealed before they are stored; never shown again. */
  secrets: Record<string, unknown>;
}

export interface ConnectionAdapter {
  /** Validates the (schema-checked) body, proves the credentials work, and returns what to store. */
  prepare(body: Record<string, unknown>): Promise<PreparedConnection>;
  /**
   * Proves a connection `prepare` stored still works, with the same cheap authenticated call (the health
   * check every 15 minutes, for connections not made through OAuth). Answers rather than throws: `broken`
   * only when the provider refuses the credentials themselves, `unknown` for a rate limit, a 5xx or no answer.
   */
  check?(connection: StoredConnection): Promise<ConnectionHealth>;
}

/** A connection as `prepare` stored it, its secrets opened: what `ConnectionAdapter.check` is given. */
export interface StoredConnection extends PreparedConnection {
  id: string;
}

/**
 * What a connection's health check found. `broken`: the provider refused the credentials (revoked,
 * expired, the app uninstalled); `detail` says what failed as the provider put it (`auth.test answered
 * token_revoked`), `reconnectHint` how to connect again when it differs from the provider's hint.
 * `unknown`: the answer proves nothing either way (a rate limit, a 5xx, unreachable); nothing is
 * recorded and the next check tries again.
 */
export type ConnectionHealth =
  | { status: 'working' }
  | { status: 'broken'; detail: string; reconnectHint?: string }
  | { status: 'unknown'; detail: string };

/** A provider's own install page (a GitHub App), for a connection made with credentials first. */
export interface InstallFlow {
  /** The page to send the admin to; `state` is docflow's sealed, expiring state. */
  installUrl(connection: { id: string; baseUrl: string; settings: Record<string, unknown> }, state: string): string;
  /** What the provider sent back to the callback, checked; returned to the admin. */
  completed(query: Record<string, string | undefined>): Record<string, unknown>;
}

/** One recurring job per connection; `appliesTo` picks the connections that need it. */
export interface MaintenanceTask {
  name: string;
  /** A duration such as "15m". */
  every: string;
  appliesTo?(settings: Record<string, unknown>): boolean;
  run(integrationId: string): Promise<unknown>;
}

/**
 * One recurring job per project whose trigger entry (of this provider) asks for it, scheduled as
 * `<provider>-<name>-<project id>`. A run reads from where the last one stopped (`cursor`, kept by
 * docflow once the runs it plans are recorded) and plans runs as a webhook does; planning the same
 * input twice must give the same workflow keys, so a run that crashed and is retried starts nothing twice.
 */
export interface ProjectTask {
  name: string;
  /** How often the trigger entry wants it ("6h"); undefined when it asks for none. */
  every(trigger: TypedConfig): string | undefined;
  run(
    project: Project,
    trigger: TypedConfig,
    cursor: string | undefined,
    tools: ProjectTaskTools,
  ): Promise<ProjectTaskPlan>;
}

/** What docflow lends a project task. */
export interface ProjectTaskTools {
  /** How the project's docs stand against a change made of conversations, before any run is started for it. */
  assessDocs(change: ChangeContext): Promise<DocsAssessment>;
}

export interface DocsAssessment {
  /** `covered`: a page already answers it; `gap`/`contradiction`: worth a run; `unclear`: nothing concrete to judge by. */
  verdict: 'covered' | 'gap' | 'contradiction' | 'unclear';
  /** One line for people: which terms, which pages. */
  summary: string;
}

export interface ProjectTaskPlan {
  /** Only `start_or_update` commands are executed; what was left out belongs in the counts. */
  commands: TriggerCommand[];
  /** Where the next run starts; kept after the commands are executed. */
  cursor?: string;
  /** What people see about the run (`GET /v1/projects/:id/sweeps`): items read, analysed, grouped, skipped by reason. */
  counts: Record<string, number | Record<string, number>>;
}

/** A webhook delivery as it arrived: no web framework, exact bytes. */
export interface WebhookRequest {
  integrationId: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /**
   * Set when a kept delivery is planned again (`docflow replay`): when docflow received it, which receivers that
   * judge freshness (a signed timestamp's age) judge it against instead of now; and nothing may be said or done
   * at the provider (no reply in a thread, no modal), only planned.
   */
  replayOf?: { receivedAt: Date };
  /** For the audit log: the request id and the sender's address. */
  requestId?: string;
  sourceIp?: string;
  /**
   * The connection's stored row, already read by docflow for this delivery (and of this provider): a
   * receiver takes its secrets from it instead of reading the row again.
   */
  connection?: IntegrationRow;
}

export interface ReceivedWebhook {
  /** The provider's delivery id and event name, for deduplication and the log. */
  delivery: { id: string; event: string };
  commands: TriggerCommand[];
  /** A body the provider expects in the answer (a challenge echo, say); else docflow's summary. */
  reply?: { status: number; body: unknown };
  /**
   * Called once the commands ran, never for a duplicate delivery: tells the sender which runs the
   * delivery reached (a chat reply with the run's link). Not awaited by the answer; a failure is logged.
   */
  acknowledge?(runs: WebhookRun[]): Promise<void>;
}

/** A run a webhook delivery started (`created`) or fed with new source. */
export interface WebhookRun {
  projectId: string;
  runId: string;
  created: boolean;
}

export interface WebhookReceiver {
  /**
   * Verifies the signature before anything else (AppError `unauthorized` when missing or wrong),
   * then parses the body (AppError `invalid_request`) and plans what the event asks for.
   */
  receive(request: WebhookRequest, projects: () => Promise<Project[]>): Promise<ReceivedWebhook>;
}

export type TriggerCommand =
  /** Start the project's run for this change, or signal the running one with the new source. */
  | {
      kind: 'start_or_update';
      projectId: string;
      workflowKey: string;
      source: TypedConfig;
      note?: string;
      trigger: string;
      sourceMerged?: boolean;
    }
  /** New commits on a change whose run may not have started (it waits for an approval): signal only. */
  | { kind: 'update_if_running'; projectId: string; workflowKey: string; source: TypedConfig; trigger: string }
  /** The change was closed: end the run (rejected/source_closed) or note the merge. */
  | { kind: 'source_closed'; projectId: string; workflowKey: string; merged: boolean }
  /** A reviewer decided in the provider (a card's button), already checked against the project's approvers there. */
  | {
      kind: 'review';
      projectId: string;
      runId: string;
      decision:
        { action: 'approve' } | { action: 'reject'; reason: string } | { action: 'request_changes'; feedback: string };
      /** How the provider names the reviewer (`slack:U0123`), recorded with the decision. */
      reviewer: string;
      /** Told when the run is not awaiting review any more, instead of an error. */
      notAwaiting?(status: string): Promise<void>;
    }
  /**
   * Run one of the project's tasks (a sweep) once the window closes: every command naming the same task
   * and window joins that one run, so items arriving together are grouped rather than run alone.
   */
  | { kind: 'run_project_task'; projectId: string; task: string; windowMs: number }
  /** A docs PR docflow opened (branch `docflow/<run id>`) was closed or merged at the docs host: its slot is free. */
  | { kind: 'docs_pr_closed'; projectId: string; runId: string; merged: boolean }
  /** Recorded and visible as a skipped run, so nothing is silently dropped. */
  | { kind: 'skip'; projectId: string; source: TypedConfig; trigger: string; reason: string; message: string };

/** A run as reviewers see it outside docflow (a chat card, say). */
export interface RunForReview {
  runId: string;
  projectId: string;
  status: RunStatus;
  summary: string;
  pages: string[];
  confidence?: number;
  /** Where the run can be reviewed in docflow. */
  url: string;
  /** The current draft's edits, for a compact before → after. */
  edits?: { path: string; before: string; after: string }[];
  /** The draft's revision: a re-draft after requested changes has a higher one. */
  revision?: number;
  /** Who decided (`slack:U0123`, an API key's name), once someone has. */
  decidedBy?: string;
  /** Where the update was published (a pull request URL, a branch). */
  location?: string;
  /** Why the run ended as it did. */
  message?: string;
  /** The run's source, so a channel can point where the run came from (a chat thread) at its card. */
  source?: TypedConfig;
}

export interface ReviewChannel<TConfig extends TypedConfig> {
  /** Shows (or updates in place) the run's review card; idempotent per run and status. */
  show(config: TConfig, run: RunForReview): Promise<void>;
}

export type Notification = { kind: 'run'; run: RunForReview } | ConnectionNotification;

/** A connection's health changed; `reconnectHint` is its provider's advice on connecting again. */
export interface ConnectionNotification {
  kind: 'connection';
  integrationId: string;
  provider: string;
  status: 'broken' | 'recovered';
  detail?: string;
  reconnectHint?: string;
}

export interface Notifier<TConfig extends TypedConfig> {
  notify(config: TConfig, notification: Notification): Promise<void>;
  /** The operator-level entry the provider's variables configure, told about every broken connection; undefined when unset. */
  operator?(): TConfig | undefined;
}

/** A ticket or conversation, with personal data already removed. */
export interface SupportThread {
  id: string;
  url?: string;
  subject: string;
  /** Public messages, oldest first, redacted: the customer's (`asker`) and support's (`answerer`). */
  messages: { role: 'asker' | 'answerer'; text: string; ref?: string }[];
  updatedAt: string;
}

export interface SupportSource<TConfig extends TypedConfig> {
  /**
   * Threads changed since `cursor` (undefined: the first sweep), and the cursor to continue from;
   * `read` counts every thread looked at, `skipped` those the trigger's filters left out and why.
   */
  sweep(
    config: TConfig,
    cursor: string | undefined,
  ): Promise<{ threads: SupportThread[]; cursor: string; read: number; skipped: { id: string; reason: string }[] }>;
}

export interface Article {
  id: string;
  title: string;
  /** The article's body as the help center stores it. */
  html: string;
  /** Where readers see it, when it is live. */
  url?: string;
  /** Where editors see it in the help center's admin. */
  adminUrl?: string;
  /** The help center's version of the article (`updated_at`); a publish refuses to overwrite a newer one. */
  updatedAt?: string;
  /** Published to readers (not a draft). */
  live?: boolean;
}

/** Where an article body was saved. */
export interface ArticleWrite {
  id: string;
  updatedAt?: string;
  adminUrl: string;
  /** The public URL, when the saved article is live. */
  url?: string;
  /** Said on the run when it is not the obvious (a live article's change saved as a new draft article). */
  note?: string;
}

/**
 * Help-center pages that are HTML documents, not files in git. `kit/article-destination` turns one
 * into a `DestinationAdapter` (articles as Markdown pages, edits spliced into the original HTML,
 * idempotent per run and suggestion).
 */
export interface ArticleDestination<TConfig extends TypedConfig> {
  /** Throws AppError(`invalid_destination`) naming the problem; changes nothing. */
  validateDestination(config: TConfig): Promise<void>;
  listArticles(config: TConfig): Promise<Article[]>;
  readArticle(config: TConfig, id: string): Promise<Article | undefined>;
  /**
   * Saves a new body for `article`, as the destination's mode says (in place, or as a draft linked
   * to a live article). `target` is the article this run saved it to before, to update again.
   * A save that creates an article (a draft copy) calls `remember` first, as `createArticle` does.
   */
  saveArticle(
    config: TConfig,
    change: { article: Article; html: string; target?: string } & Remember,
  ): Promise<ArticleWrite>;
  /**
   * A new article, always a draft; `target` is the one this run created before, to update again.
   * Before the provider's create call it awaits `remember(key)` with what finds the article again
   * (a label, a unique slug), so a create that succeeded just before the process died is found by
   * `findCreated` on the retry instead of made twice.
   */
  createArticle(
    config: TConfig,
    article: { title: string; html: string; target?: string } & Remember,
  ): Promise<ArticleWrite>;
  /** The id of the article a create remembered as `key` made, if that create happened; undefined when it did not. */
  findCreated(config: TConfig, key: string): Promise<string | undefined>;
  /**
   * Removes an article a run created (a new page, a draft copy of a live one) when its publish is undone;
   * nothing when it is gone already. Offered, the destination can `unpublish`.
   */
  deleteArticle?(config: TConfig, id: string): Promise<void>;
}

export interface Remember {
  /** Records `key` (what finds the article about to be created) before the create call; awaited. */
  remember(key: string): Promise<void>;
}
