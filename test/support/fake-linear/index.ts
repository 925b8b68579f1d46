import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The personal API key the fake accepts (sent raw, as Linear wants it). */
export const fakeLinearApiKey = 'lin_api_fakeLinearKey0123456789abcdef';

export interface FakeIssue {
  identifier: string;
  title: string;
  description?: string;
  state?: { name: string; type: string };
  labels?: string[];
  /** Oldest first. */
  comments?: { body: string; author: string; createdAt: string }[];
  /** Links attached to the issue (a pull request Linear's integrations attached, a dashboard). */
  attachments?: { url: string; title?: string }[];
  /** When the issue itself was last updated (comments do not change it); a fixed moment by default. */
  updatedAt?: string;
}

export interface FakeLinear {
  /** The API origin; GraphQL is at `${url}/graphql`. */
  url: string;
  /** Requests as they arrived: the operation name and whether it was authorized. */
  requests: { operation: string; authorized: boolean; variables: Record<string, unknown> }[];
  /** Requests the fake refused as malformed (what the real API would refuse too). */
  refused: string[];
  addIssue(issue: FakeIssue): void;
  /** A comment made now (or at `createdAt`); the issue's `updatedAt` does not change, as in Linear. */
  addComment(key: string, comment: { body: string; author: string; createdAt?: string }): void;
  /** Linear's id of an issue (a UUID in Linear), as webhook payloads carry it in `data.id`. */
  issueId(key: string): string;
  /** An issue moved to another team still answers to its old key. */
  moveIssue(oldKey: string, newKey: string): void;
  /** Accepts `Authorization: Bearer <token>` too (an OAuth access token). */
  acceptBearer(token: string): void;
  /** The next GraphQL request gets this answer: Linear's `RATELIMITED` error (400, 429) or a bare status (403, 500). */
  limitNext(response: { status: number; headers: Record<string, string> }): void;
  close(): Promise<void>;
}

const organization = {
  __typename: 'Organization',
  id: 'org-1',
  name: 'Acme',
  urlKey: 'acme',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  projectStatuses: [],
};
const viewer = {
  __typename: 'User',
  id: 'user-1',
  name: 'Docs Bot',
  displayName: 'docsbot',
  email: 'docs-bot@acme.test',
  active: true,
};

const graphqlError = (message: string, type: string, code: string, userPresentableMessage?: string) => ({
  message,
  extensions: { type, code, ...(userPresentableMessage ? { userPresentableMessage } : {}) },
});

/**
 * Linear's GraphQL API on 127.0.0.1: refuses a wrong key with Linear's authentication error, answers
 * the SDK's `viewer` and `organization` queries and docflow's issue query (with its comments and
 * attachments, each connection capped at 250 as Linear does; unknown issues: `Entity not found`), refuses malformed requests and unknown operations, sends the rate-limit headers, and answers
 * `RATELIMITED` on demand.
 */
export async function startFakeLinear(): Promise<FakeLinear> {
  const issues = new Map<string, FakeIssue>();
  // Linear's ids (UUIDs there) stay with an issue when it moves to another team and its key changes.
  const ids = new Map<FakeIssue, string>();
  const idOf = (issue: FakeIssue) => ids.get(issue) ?? `issue-${issue.identifier}`;
  const aliases = new Map<string, string>();
  const bearers = new Set<string>();
  const requests: FakeLinear['requests'] = [];
  const refused: string[] = [];
  let limited: { status: number; headers: Record<string, string> } | undefined;

  const budgetHeaders = () => ({
    'x-ratelimit-requests-limit': '5000',
    'x-ratelimit-requests-remaining': String(5000 - requests.length),
    'x-ratelimit-requests-reset': String(Date.now() + 3_600_000),
    'x-ratelimit-complexity-limit': '3000000',
    'x-ratelimit-complexity-remaining': '2999000',
    'x-ratelimit-complexity-reset': String(Date.now() + 3_600_000),
  });

  const issueJson = (issue: FakeIssue, first: number, firstAttachments: number) => ({
    id: idOf(issue),
    identifier: issue.identifier,
    title: issue.title,
    description: issue.description ?? null,
    url: `https://linear.app/${organization.urlKey}/issue/${issue.identifier.toLowerCase()}`,
    updatedAt: issue.updatedAt ?? '2026-01-01T00:00:00.000Z',
    state: issue.state ?? { name: 'Todo', type: 'unstarted' },
    team: { key: issue.identifier.split('-')[0] },
    labels: { nodes: (issue.labels ?? []).map((name) => ({ id: `label-${name}`, name })) },
    comments: {
      nodes: (issue.comments ?? []).slice(0, first).map((c, i) => ({
        id: `comment-${issue.identifier}-${i + 1}`,
        body: c.body,
        createdAt: c.createdAt,
        user: { name: c.author },
      })),
    },
    attachments: {
      nodes: (issue.attachments ?? [])
        .slice(0, firstAttachments)
        .map((a, i) => ({ id: `attachment-${issue.identifier}-${i + 1}`, url: a.url, title: a.title ?? a.url })),
    },
  });

  const answer = (query: string, variables: Record<string, unknown>): { status: number; body: unknown } => {
    const operation = /^\s*query\s+(\w+)/.exec(query)?.[1];
    if (operation === 'viewer') return { status: 200, body: { data: { viewer } } };
    if (operation === 'organization') return { status: 200, body: { data: { organization } } };
    if (operation === 'DocflowIssue') {
      if (typeof variables.id !== 'string' || !variables.id) {
        refused.push('DocflowIssue without $id');
        return {
          status: 400,
          body: {
            errors: [
              graphqlError(
                'Variable "$id" of required type "String!" was not provided.',
                'graphql error',
                'GRAPHQL_VALIDATION_FAILED',
              ),
            ],
          },
        };
      }
      // Linear caps a connection's `first` at 250.
      const first = Number(/comments\(first:\s*(\d+)/.exec(query)?.[1] ?? 50);
      const firstAttachments = Number(/attachments\(first:\s*(\d+)/.exec(query)?.[1] ?? 50);
      if (first > 250 || firstAttachments > 250) {
        refused.push(`comments(first: ${first}) attachments(first: ${firstAttachments})`);
        return {
          status: 400,
          body: { errors: [graphqlError('first must be at most 250', 'invalid input', 'INPUT_ERROR')] },
        };
      }
      const key = variables.id.toUpperCase();
      const issue = issues.get(aliases.get(key) ?? key);
      if (!issue)
        return {
          status: 200,
          body: {
            data: null,
            errors: [
              graphqlError(
                'Entity not found: Issue',
                'invalid input',
                'INPUT_ERROR',
                'Could not find referenced Issue.',
              ),
            ],
          },
        };
      return { status: 200, body: { data: { issue: issueJson(issue, first, firstAttachments) } } };
    }
    refused.push(`unknown operation ${operation ?? '(none)'}`);
    return {
      status: 400,
      body: {
        errors: [graphqlError(`Cannot query operation "${operation}"`, 'graphql error', 'GRAPHQL_VALIDATION_FAILED')],
      },
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...budgetHeaders(), ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/graphql') return send(404, { error: 'not found' });
      if (!req.headers['content-type']?.startsWith('application/json')) {
        refused.push(`content-type ${req.headers['content-type']}`);
        return send(400, { errors: [graphqlError('Must provide query string.', 'graphql error', 'BAD_REQUEST')] });
      }
      let parsed: { query?: unknown; variables?: unknown };
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
      } catch {
        refused.push('invalid JSON');
        return send(400, { errors: [graphqlError('Unexpected token in JSON', 'graphql error', 'BAD_REQUEST')] });
      }
      if (typeof parsed.query !== 'string') {
        refused.push('no query');
        return send(400, { errors: [graphqlError('Must provide query string.', 'graphql error', 'BAD_REQUEST')] });
      }
      const variables = (parsed.variables ?? {}) as Record<string, unknown>;
      const authorization = req.headers.authorization ?? '';
      const authorized =
        authorization === fakeLinearApiKey ||
        (authorization.startsWith('Bearer ') && bearers.has(authorization.slice(7)));
      const operation = /^\s*query\s+(\w+)/.exec(parsed.query)?.[1] ?? '(none)';
      requests.push({ operation, authorized, variables });
      if (!authorized)
        return send(400, {
          errors: [
            graphqlError(
              'Authentication required, not authenticated',
              'authentication error',
              'AUTHENTICATION_ERROR',
              'You need to authenticate to access this operation.',
            ),
          ],
        });
      if (limited) {
        const { status, headers } = limited;
        limited = undefined;
        const linearShaped = status === 400 || status === 429;
        return send(
          status,
          linearShaped ? { errors: [graphqlError('Rate limit exceeded', 'ratelimited', 'RATELIMITED')] } : {},
          headers,
        );
      }
      const { status, body } = answer(parsed.query, variables);
      send(status, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    refused,
    addIssue(issue) {
      issues.set(issue.identifier, issue);
      ids.set(issue, `${randomUUID()}`);
    },
    addComment(key, comment) {
      const issue = issues.get(key)!;
      issue.comments = [...(issue.comments ?? []), { createdAt: new Date().toISOString(), ...comment }];
    },
    issueId: (key) => idOf(issues.get(aliases.get(key) ?? key)!),
    moveIssue(oldKey, newKey) {
      const issue = issues.get(oldKey)!;
      issues.delete(oldKey);
      const moved = { ...issue, identifier: newKey };
      issues.set(newKey, moved);
      ids.set(moved, idOf(issue));
      aliases.set(oldKey, newKey);
    },
    acceptBearer: (token) => void bearers.add(token),
    limitNext: (response) => void (limited = response),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
