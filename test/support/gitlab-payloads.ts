import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FakeGitLab } from './fake-gitlab/index.js';

/** GitLab's documented examples (`gitlab-webhook-examples/`), adapted per test. */
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`./gitlab-webhook-examples/${name}.json`, import.meta.url), 'utf8')) as any;

/** The project part of a payload, for a project of the fake. */
function projectFields(fake: FakeGitLab, fullPath: string, payload: any) {
  const web = `${fake.origin}/${fullPath}`;
  Object.assign(payload.project, {
    name: fullPath.split('/').pop(),
    path_with_namespace: fullPath,
    web_url: web,
    default_branch: 'main',
    homepage: web,
  });
}

/**
 * A `Merge Request Hook` body as GitLab sends it for a merge request of the fake: GitLab's example with
 * this project, merge request, branches, last commit and `action`. `oldrev` is there only when the
 * update pushed code, as in GitLab's; the example's `changes` (a draft marked ready) is kept only for
 * `update`s without code.
 */
export function mergeRequestPayload(
  fake: FakeGitLab,
  fullPath: string,
  iid: number,
  action: string,
  adjust: (p: any) => void = () => {},
) {
  const payload = example('merge-request-hook');
  const mr = fake.mergeRequestJson(fullPath, iid);
  projectFields(fake, fullPath, payload);
  Object.assign(payload.object_attributes, {
    id: mr.id,
    iid,
    title: mr.title,
    description: mr.description,
    source_branch: mr.source_branch,
    target_branch: mr.target_branch,
    state: mr.state,
    draft: mr.draft,
    work_in_progress: mr.draft,
    action,
    url: mr.web_url,
  });
  payload.object_attributes.last_commit.id = mr.sha;
  if (action !== 'update') payload.changes = {};
  adjust(payload);
  return payload;
}

/** A `Push Hook` body for a push to a branch of the fake. */
export function pushPayload(fake: FakeGitLab, fullPath: string, branch: string, before: string, after: string) {
  const payload = example('push-hook');
  projectFields(fake, fullPath, payload);
  Object.assign(payload, { before, after, checkout_sha: after, ref: `refs/heads/${branch}` });
  return payload;
}

/**
 * Headers GitLab sends: the secret token itself, the event, `Idempotency-Key` (the same on retries)
 * and, with a signing token, the Standard Webhooks signature of `{webhook-id}.{timestamp}.{body}`.
 */
export function gitlabDelivery(
  event: string,
  payload: unknown,
  options: { secret: string; signingToken?: string; idempotencyKey?: string; timestamp?: number },
) {
  const body = JSON.stringify(payload);
  const id = options.idempotencyKey ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitLab/18.6.0',
    'x-gitlab-event': event,
    'x-gitlab-token': options.secret,
    'x-gitlab-event-uuid': randomUUID(),
    'x-gitlab-webhook-uuid': '3e1a3c0b-5b6f-4d2a-9f0e-7c1d2b3a4f5e',
    'x-gitlab-instance': 'https://gitlab.example.com',
    'idempotency-key': id,
  };
  if (options.signingToken) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const key = Buffer.from(options.signingToken.replace(/^whsec_/, ''), 'base64');
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    Object.assign(headers, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    });
  }
  return { body, headers };
}
