import type { ContextReference } from '../../core/change.js';
import { redactPersonalData } from '../kit/personal-data.js';
import type { LinearApi } from './client.js';
import { LinearQueryError } from './errors.js';

/**
 * One query per issue, with only what a run needs (Linear bills complexity per field and connection): the
 * attachments are the links an issue source follows (a pull request attached to the issue).
 */
const issueQuery = `query DocflowIssue($id: String!) {
  issue(id: $id) {
    id
    identifier
    title
    description
    url
    updatedAt
    state { name type }
    team { key }
    labels(first: 20) { nodes { name } }
    comments(first: 30) { nodes { id body createdAt user { name } } }
    attachments(first: 20) { nodes { url } }
  }
}`;

export interface LinearIssue {
  id: string;
  identifier: string;
  title: string;
  description?: string | null;
  url: string;
  updatedAt: string;
  state?: { name: string; type: string } | null;
  team: { key: string };
  labels: { nodes: { name: string }[] };
  comments: { nodes: { id: string; body: string; createdAt: string; user?: { name: string } | null }[] };
  attachments: { nodes: { url: string }[] };
}

/** An issue's words as docflow keeps them: personal data (emails, phone numbers, secrets, the commenters' names) removed. */
export interface RedactedIssue {
  title: string;
  /** `State: Done (completed)` and `Labels: docs, cli`. */
  status: string[];
  description?: string;
  /** Oldest first. */
  comments: { id: string; createdAt: string; text: string }[];
}

/** The issue redacted, with only the comments made at `until` or before when it is given. */
export function redactIssue(issue: LinearIssue, until?: string): RedactedIssue {
  const comments = [...issue.comments.nodes]
    .filter((c) => !until || Date.parse(c.createdAt) <= Date.parse(until))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // Every commenter's name is personal data, also in the comments read.
  const names = issue.comments.nodes.flatMap((c) => (c.user?.name ? [c.user.name] : []));
  const clean = (text: string) => redactPersonalData(text, { names }).text.trim();
  return {
    title: clean(issue.title),
    status: [
      `State: ${issue.state ? `${issue.state.name} (${issue.state.type})` : 'unknown'}`,
      `Labels: ${issue.labels.nodes.map((l) => l.name).join(', ') || 'none'}`,
    ],
    ...(issue.description?.trim() ? { description: clean(issue.description) } : {}),
    comments: comments.map((c) => ({ id: c.id, createdAt: c.createdAt, text: clean(c.body) })),
  };
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
  const redacted = redactIssue(issue);
  const lines = [
    ...redacted.status,
    '',
    redacted.description ?? '(no description)',
    ...(redacted.comments.length ? ['', '## Comments'] : []),
    ...redacted.comments.flatMap((c) => ['', `Comment of ${c.createdAt.slice(0, 10)}:`, c.text]),
  ];
  return { id: issue.identifier, kind: 'issue', title: redacted.title, url: issue.url, text: lines.join('\n') };
}
