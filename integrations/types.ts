import type { ZodType } from 'zod';
import type { ChangeContext, DocPage, Edit } from '../drafting/types.js';

/**
 * Every provider folder exports one `Integration`. A provider may play any of three roles:
 * where runs come from (source), what they read (context), where approved edits go (destination).
 * Credentials never pass through these calls' arguments: adapters look them up themselves.
 */
export interface Integration {
  provider: string;
  source?: SourceAdapter<any, any>;
  destination?: DestinationAdapter<any>;
}

export interface SourceAdapter<TSource extends { type: string }, TContextConfig extends { type: string }> {
  /** Shape of a run's `source` (e.g. a repo and two revisions). */
  sourceSchema: ZodType<TSource>;
  /** Shape of a project's `context` entry for this provider. */
  contextSchema: ZodType<TContextConfig>;
  /** Checks a project's context entry can be read; throws AppError(`invalid_request`) naming the problem. */
  validateContext(context: TContextConfig): Promise<void>;
  /**
   * Throws AppError(`invalid_source`) naming the problem; changes nothing. Returns the source pinned
   * to immutable revisions (a branch name or HEAD becomes a commit id) so the run reads what was asked.
   */
  validateSource(source: TSource, contexts: TContextConfig[]): Promise<TSource>;
  gatherContext(source: TSource, contexts: TContextConfig[]): Promise<ChangeContext>;
  /** One line for people and for the `DocflowSource` search attribute. */
  describeSource(source: TSource): string;
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
}

export interface PublishResult {
  /** Where the update went, e.g. a branch name or a pull request URL. */
  location: string;
  branch?: string;
  commit?: string;
  url?: string;
  /** False when an earlier attempt had already published this suggestion. */
  created: boolean;
}

export interface DestinationAdapter<TDestination extends { type: string }> {
  destinationSchema: ZodType<TDestination>;
  /** Throws AppError(`invalid_destination`) naming the problem; changes nothing. */
  validateDestination(destination: TDestination): Promise<void>;
  readDocs(destination: TDestination): Promise<DocsSnapshot>;
  /** Idempotent: publishing the same suggestion twice yields the first result. */
  publish(destination: TDestination, request: PublishRequest): Promise<PublishResult>;
}
