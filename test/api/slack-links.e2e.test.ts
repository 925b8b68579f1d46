import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../runs/handle-webhook.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack/index.js';
import { mentionEvent, signingSecret, slackHeaders } from '../support/fake-slack/signed.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';

const channel = 'C0DOCS';
const appId = 4242;
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const repo = 'Codertocat/Hello-World';
let slack: FakeSlack;
let github: FakeGitHub;
let harness: Harness;
let api: TestApi;
let slackId: string;
let projectId: string;

beforeAll(async () => {
  const fixture = flagChangeFixture();
  github = await startFakeGitHub({ appId, publicKeyPem: publicKey });
  const cliBefore = fixture.cliAfter.replace(/ {2}\.option\('--timeout[^\n]*\n/, '');
  github.addRepo(repo, { files: { 'src/cli.ts': cliBefore, 'README.md': '# app\n' }, installationId: 1 });
  github.commit(repo, 'timeout', { 'src/cli.ts': fixture.cliAfter }, 'feat(cli): add --timeout');
  github.addPull(repo, {
    number: 7,
    title: 'Add --timeout',
    body: 'A request timeout.',
    head: 'timeout',
    base: 'main',
  });
  slack = await startFakeSlack();
  harness = await createHarness();
  await harness.startWorker();
  api = await startTestApi(harness);
  const gh = await api.call('POST', '/v1/integrations', {
    provider: 'github',
    baseUrl: github.url,
    auth: { type: 'app', appId: String(appId), privateKey },
    webhookSecret: 'slack-links-webhook-secret',
  });
  expect(gh.status, JSON.stringify(gh.body)).toBe(201);
  const integration = await api.call('POST', '/v1/integrations', {
    provider: 'slack',
    baseUrl: slack.url,
    auth: { type: 'token', botToken: slack.token },
    signingSecret,
  });
  expect(integration.status, JSON.stringify(integration.body)).toBe(201);
  slackId = integration.body.id;
  const project = await api.call('POST', '/v1/projects', {
    name: 'slack-links',
    triggers: [{ type: 'slack', integrationId: slackId, channels: [channel] }],
    context: [{ type: 'github', integrationId: gh.body.id, repos: [repo] }],
    destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main', docsDir: 'docs' }],
    review: {
      required: true,
      channel: { type: 'slack', integrationId: slackId, channel: 'C0REVIEWS', approvers: ['U0APPROVER'] },
    },
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  projectId = project.body.id;
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await slack?.close();
  await github?.close();
});

const threadRun = (threadTs: string) => runIdFor(projectId, `slack:${slackId}:${channel}:${threadTs}`);
const repliesIn = (threadTs: string) =>
  slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === threadTs && c.args.channel === channel);

async function mention(threadTs: string, text: string) {
  slack.post(channel, { ts: threadTs, user: 'U0ALICE', text });
  const body = JSON.stringify(mentionEvent(channel, threadTs, text));
  const res = await fetch(`${api.url}/webhooks/slack/${slackId}`, {
    method: 'POST',
    headers: slackHeaders(body),
    body,
  });
  expect(res.status).toBe(202);
  return threadRun(threadTs);
}
const settled = (runId: string) =>
  eventually(
    async () => {
      const run = (await api.call('GET', `/v1/runs/${runId}`)).body;
      return ['no_changes', 'published', 'failed', 'awaiting_review'].includes(run.status) ? run : undefined;
    },
    `${runId} to finish drafting`,
    45_000,
  );
/** The run's context as drafters read it: the note and the thread's conversation file. */
const storedNote = async (runId: string) =>
  (
    (await harness.db.selectFrom('change_contexts').select('body').where('run_id', '=', runId).executeTakeFirst())!
      .body as { note: string; files: { content?: string }[] }
  ).note +
  '\n' +
  (
    (await harness.db.selectFrom('change_contexts').select('body').where('run_id', '=', runId).executeTakeFirst())!
      .body as { files: { path: string; content?: string }[] }
  ).files
    .filter((f) => f.path.startsWith('slack/'))
    .map((f) => f.content)
    .join('\n');

describe('Slack threads that link a change, against fake Slack and fake GitHub APIs', () => {
  it("a thread linking a GitHub pull request drafts from that pull request's diff", async () => {
    const link = `${github.url}/${repo}/pull/7`;
    const threadTs = '1712350000.000100';
    const runId = await mention(threadTs, `<@UBOT0001> Ada Lovelace says docs need <${link}|this PR>`);
    const run = await settled(runId);
    expect(run.status, JSON.stringify(run)).toBe('awaiting_review');
    expect(run.suggestion.edits).toEqual([
      expect.objectContaining({ path: 'docs/cli.md', after: expect.stringContaining('--timeout <ms>') }),
    ]);
    const note = await storedNote(runId);
    expect(note).toContain(`Linked change followed: ${repo}#7`);
    // The thread's people are looked up once each, and their names are personal data.
    expect(note).not.toContain('Ada Lovelace');
    expect(note).toContain('[person]');
    expect(slack.callsTo('users.info').filter((c) => c.args.user === 'U0ALICE')).toHaveLength(1);
    expect(github.violations).toEqual([]);
    // The card goes to the review channel, and the thread the run came from gets one link to it.
    const card = await eventually(
      async () => slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0REVIEWS'),
      'the review card',
    );
    const links = await eventually(async () => {
      const found = repliesIn(threadTs).filter((c) => String(c.args.text).includes('awaits review'));
      return found.length ? found : undefined;
    }, 'the card linked in the thread');
    expect(links).toHaveLength(1);
    expect(links[0]!.args.text).toContain(`/archives/C0REVIEWS/p${String(card.result.ts).replace('.', '')}`);
  });

  it('a commit link drafts from that commit; a link on another host than the connection is not followed', async () => {
    const sha = github.branches(repo).timeout!;
    const commitRun = await settled(
      await mention('1712350050.000100', `<@UBOT0001> see ${github.url}/${repo}/commit/${sha}`),
    );
    expect(commitRun.suggestion.edits).toEqual([
      expect.objectContaining({ path: 'docs/cli.md', after: expect.stringContaining('--timeout <ms>') }),
    ]);
    const elsewhere = await mention('1712350060.000100', `<@UBOT0001> see <https://github.com/${repo}/pull/7>`);
    expect((await settled(elsewhere)).status).toBe('no_changes');
    expect(await storedNote(elsewhere)).not.toContain('Linked change');
  });

  it('a link to a pull request that does not exist is said in the context and drafts nothing', async () => {
    const runId = await mention('1712350100.000100', `<@UBOT0001> see <${github.url}/${repo}/pull/99>`);
    const run = await settled(runId);
    expect(run.status).toBe('no_changes');
    expect(await storedNote(runId)).toContain(`${github.url}/${repo}/pull/99 not followed`);
  });

  it('a thread with nothing the offline drafter can act on ends no_changes with needs_model, said in the thread', async () => {
    const threadTs = '1712350200.000100';
    const runId = await mention(threadTs, '<@UBOT0001> the timeout docs read badly, https://example.com/blog');
    const run = await settled(runId);
    expect(run.status).toBe('no_changes');
    expect(JSON.stringify(run)).toContain('needs_model');
    const outcome = await eventually(
      async () => repliesIn(threadTs).find((c) => String(c.args.text).startsWith('No docs change')),
      'the outcome in the thread',
    );
    expect(outcome.args.text).toContain('needs_model');
  });
});
