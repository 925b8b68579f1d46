import type { Db } from '../db/database.js';
import { findProject } from '../db/repositories/projects.js';
import { recordTransition, type Transition } from '../db/repositories/runs.js';
import { findChangeContext, findSuggestion, saveChangeContext, saveSuggestion } from '../db/repositories/suggestions.js';
import { AppError } from '../domain/errors.js';
import type { Project } from '../domain/project.js';
import type { Drafter } from '../drafting/types.js';
import { destinationAdapter, sourceAdapter } from '../integrations/registry.js';
import type { SourceRef } from '../workflows/messages.js';
import { withFailureTypes } from './failures.js';
import { publishMessage } from './publish-message.js';

export interface ActivityDeps {
  db: Db;
  drafter: Drafter;
}

export interface GatherInput { runId: string; projectId: string; source: SourceRef; attempt: number }
export interface GatherOutput { contextId: string; files: number; commits: number }
export interface DraftInput { runId: string; projectId: string; contextId: string; revision: number; feedback: string[] }
export interface DraftOutput { suggestionId: string; edits: number; pages: string[]; noChangesReason?: string }
export interface PublishInput { runId: string; projectId: string; suggestionId: string; sourceLabel: string; timestamp: number }
export interface PublishOutput { location: string; branch?: string; commit?: string; url?: string; created: boolean }

/** Activities take ids and small values; everything bulky is read from and written to the database. */
export function createActivities({ db, drafter }: ActivityDeps) {
  async function project(id: string): Promise<Project> {
    const found = await findProject(db, id);
    if (!found) throw new AppError('project_not_found', `project ${id} no longer exists`);
    return found;
  }

  return withFailureTypes({
    async recordStatus(transition: Transition): Promise<void> {
      await recordTransition(db, transition);
    },

    async gatherContext(input: GatherInput): Promise<GatherOutput> {
      const { context } = await project(input.projectId);
      const adapter = sourceAdapter(input.source.type);
      const contexts = context.filter((c) => c.type === input.source.type);
      const change = await adapter.gatherContext(input.source, contexts);
      const contextId = `ctx_${input.runId}_${input.attempt}`;
      await saveChangeContext(db, contextId, input.runId, change);
      return { contextId, files: change.files.length, commits: change.commits.length };
    },

    async draftSuggestion(input: DraftInput): Promise<DraftOutput> {
      const { destinations } = await project(input.projectId);
      const change = await findChangeContext(db, input.contextId);
      if (!change) throw new AppError('not_found', `change context ${input.contextId} is missing`);
      const destination = destinations[0]!;
      const docs = await destinationAdapter(destination.type).readDocs(destination);
      const draft = await drafter.draft({ change, docs: docs.pages, feedback: input.feedback });
      const suggestionId = `sug_${input.runId}_${input.revision}`;
      await saveSuggestion(db, suggestionId, input.runId, input.revision, input.feedback, draft);
      return {
        suggestionId,
        edits: draft.edits.length,
        pages: [...new Set(draft.edits.map((e) => e.path))],
        noChangesReason: draft.edits.length ? undefined : (draft.noChangesReason ?? 'the drafter proposed no edits'),
      };
    },

    async publishSuggestion(input: PublishInput): Promise<PublishOutput> {
      const { destinations } = await project(input.projectId);
      const suggestion = await findSuggestion(db, input.suggestionId);
      if (!suggestion) throw new AppError('not_found', `suggestion ${input.suggestionId} is missing`);
      const destination = destinations[0]!;
      const { title, body } = publishMessage(suggestion, input.sourceLabel);
      return destinationAdapter(destination.type).publish(destination, {
        runId: input.runId,
        suggestionId: suggestion.id,
        title,
        body,
        edits: suggestion.edits,
        timestamp: input.timestamp,
      });
    },
  });
}

export type Activities = ReturnType<typeof createActivities>;
