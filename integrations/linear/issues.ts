import type { ContextReference } from '../../core/change.js';
import { redactPersonalData } from '../kit/personal-data.js';
import type { LinearApi } from './client.js';
import { LinearQueryError } from './errors.js';

/** One query per issue, with only what the context needs (Linear bills complexity per field and connection). */
const issueQuery = `query DocflowIssue($id: String!) {
  issue(id: $id) {
    identifier
    title
    description
    url
    state { name type }
    team { key }
    labels(first: 20) { nodes { name } }
    comments(first: 30) { nodes { body createdAt user { name } } }
  }
}`;

export interface LinearIssue {
  identifier: string;
  title: string;
  description?: string | null;
  url: string;
  state?: { name: string; type: string } | null;
  team: { key: string };
  labels: { nodes: { name: string }[] };
  comments: { nodes: { body: string; createdAt: string; user?: { name: string } | null }[] };
}

/** The issue a key names, or undefined when Linear knows none (or this connection may not see it). */
export async function readIssue(api: LinearApi, key: string): Promise<LinearIssue | undefined> {
  try {
    return (await api.query<{ issue?: LinearIssue | null }>(issueQuery, { id: key })).issue ?? undefined;
  } catch (error) {
    if (error instanceof LinearQueryError && (error.type === 'InvalidInput' || /not found/i.test(error.message)))
      return undefined;
    throw error;
  }
}

/**
 * An issue as a reference drafters read: state, labels, the description and the comments oldest first,
 * with personal data (emails, phone numbers, secrets, the commenters' names) removed.
 */
export function issueReference(issue: LinearIssue): ContextReference {
  const comments = [...issue.comments.nodes].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const names = comments.flatMap((c) => (c.user?.name ? [c.user.name] : []));
  const clean = (text: string) => redactPersonalData(text, { names }).text.trim();
  const lines = [
    `State: ${issue.state ? `${issue.state.name} (${issue.state.type})` : 'unknown'}`,
    `Labels: ${issue.labels.nodes.map((l) => l.name).join(', ') || 'none'}`,
    '',
    issue.description?.trim() ? clean(issue.description) : '(no description)',
    ...(comments.length ? ['', '## Comments'] : []),
    ...comments.flatMap((c) => ['', `Comment of ${c.createdAt.slice(0, 10)}:`, clean(c.body)]),
  ];
  return { id: issue.identifier, kind: 'issue', title: clean(issue.title), url: issue.url, text: lines.join('\n') };
}
