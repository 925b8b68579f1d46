import type { Db } from '../db/database.js';
import { runTimeline } from '../db/repositories/runs.js';
import { findSuggestion, runUsage } from '../db/repositories/suggestions.js';
import type { RunRow } from '../db/schema.js';
import type { SuggestedReviewer } from '../core/suggested-reviewers.js';
import type { Citation, Edit } from '../core/change.js';
import type { TypedConfig } from '../core/typed-config.js';

export interface RunLinks {
  /** Temporal Web UI base URL and namespace, when known. */
  temporalUi?: { url: string; namespace: string };
  /** Where people see a citation at the run's source (the pull request's lines, the ticket), when it has a page. */
  citationUrl?: (source: TypedConfig, citation: Citation) => string | undefined;
  /** The changes a combined source (a batch) is made of, as people see them; undefined for a single change. */
  members?: (source: TypedConfig) => { label: string; url?: string }[] | undefined;
}

function withCitationUrls(edits: Edit[], source: TypedConfig, links: RunLinks) {
  return edits.map((edit) => ({
    ...edit,
    citations: edit.citations.map((c) => {
      const url = links.citationUrl?.(source, c);
      return url ? { ...c, url } : c;
    }),
  }));
}

interface RunResult {
  location: string;
  url?: string;
  destinations?: { type: string; location: string; url?: string }[];
}

/** A run as the API shows it: the row, its suggestion (when drafted) and its timeline. */
export async function runView(db: Db, row: RunRow, detailed: boolean, links: RunLinks = {}) {
  const members = links.members?.(row.source as TypedConfig);
  const summary = {
    id: row.id,
    projectId: row.project_id,
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.reason_message ? { message: row.reason_message } : {}),
    trigger: row.trigger,
    source: row.source as Record<string, unknown>,
    ...(members ? { sources: members } : {}),
    ...(row.note ? { note: row.note } : {}),
    ...(row.requested_by ? { requestedBy: row.requested_by } : {}),
    ...(row.result ? { result: row.result as RunResult } : {}),
    ...(links.temporalUi
      ? {
          links: {
            temporalUi: `${links.temporalUi.url}/namespaces/${encodeURIComponent(links.temporalUi.namespace)}/workflows/${encodeURIComponent(row.id)}`,
          },
        }
      : {}),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
  if (!detailed) return summary;
  const suggestion = row.suggestion_id ? await findSuggestion(db, row.suggestion_id) : undefined;
  const timeline = await runTimeline(db, row.id);
  const usage = await runUsage(db, row.id);
  return {
    ...summary,
    ...(suggestion
      ? {
          suggestion: {
            id: suggestion.id,
            revision: suggestion.revision,
            drafter: suggestion.drafter,
            summary: suggestion.summary,
            edits: withCitationUrls(suggestion.edits, row.source as TypedConfig, links),
            impacted: suggestion.impacted,
            feedback: suggestion.feedback,
            ...(suggestion.confidence !== undefined ? { confidence: suggestion.confidence } : {}),
            ...(suggestion.usage ? { usage: suggestion.usage } : {}),
            ...(suggestion.destinations
              ? {
                  destinations: suggestion.destinations.map((d, position) => ({
                    position,
                    type: d.type,
                    edits: suggestion.edits.flatMap((e, i) => ((e.destination ?? 0) === position ? [i] : [])),
                  })),
                }
              : {}),
          },
        }
      : {}),
    ...(usage ? { usage } : {}),
    ...(row.suggested_reviewers ? { suggestedReviewers: row.suggested_reviewers as SuggestedReviewer[] } : {}),
    timeline: timeline.map((e) => ({
      status: e.status,
      at: e.at.toISOString(),
      ...(e.detail ? { detail: e.detail } : {}),
    })),
  };
}
