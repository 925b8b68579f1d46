import { generateKeyPairSync, sign } from 'node:crypto';
import { App, Octokit } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { statusOf } from './fixtures.js';

const APP_ID = 4242;
const keys = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const { publicKey, privateKey } = keys();

describe('fake GitHub: GitHub App authentication', () => {
  let fake: FakeGitHub;
  let app: App;
  beforeEach(async () => {
    fake = await startFakeGitHub({ appId: APP_ID, publicKeyPem: publicKey });
    fake.addRepo('acme/docs', { files: { 'README.md': 'hi\n' }, installationId: 7, topics: ['docflow'] });
    fake.addRepo('acme/private', { files: { 'a.md': 'a\n' }, installationId: 7, private: true });
    fake.addRepo('other/docs', { files: { 'README.md': 'other\n' }, installationId: 8 });
    app = new App({
      appId: APP_ID,
      privateKey,
      Octokit: Octokit.defaults({ baseUrl: fake.url, retry: { enabled: false } }),
    });
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it('exchanges the App JWT for an installation token that reaches only that installation', async () => {
    const installation = await app.octokit.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'docs' });
    expect(installation.data).toMatchObject({ id: 7, account: { login: 'acme' }, app_id: APP_ID });
    const octokit = await app.getInstallationOctokit(7);
    const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'docs' });
    expect(repo.data.full_name).toBe('acme/docs');
    expect(await statusOf(octokit.rest.repos.get({ owner: 'other', repo: 'docs' }))).toBe(403);
    const listed = await octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 1 });
    expect(listed.data).toMatchObject({
      total_count: 2,
      repositories: [{ full_name: 'acme/docs', topics: ['docflow'] }],
    });
    expect(listed.headers.link).toContain('rel="next"');
    const token = fake.requests.find((r) => r.path === '/app/installations/7/access_tokens')!;
    expect(token.headers.authorization).toMatch(/^bearer /i);
  });

  it('answers 401 to a JWT signed with another key, and to a token on an App endpoint; 403 to a JWT on a repo endpoint', async () => {
    const stranger = new App({
      appId: APP_ID,
      privateKey: keys().privateKey,
      Octokit: Octokit.defaults({ baseUrl: fake.url, retry: { enabled: false } }),
    });
    expect(await statusOf(stranger.octokit.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'docs' }))).toBe(401);
    const personal = new Octokit({ auth: 'ghp_x', baseUrl: fake.url, retry: { enabled: false } });
    expect(await statusOf(personal.rest.apps.listWebhookDeliveries())).toBe(401);
    expect(await statusOf(personal.rest.repos.get({ owner: 'other', repo: 'docs' }))).toBe(200);
    const { token: jwt } = (await app.octokit.auth({ type: 'app' })) as { token: string };
    const asApp = new Octokit({ auth: jwt, baseUrl: fake.url, retry: { enabled: false } });
    expect(await statusOf(asApp.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'docs' }))).toBe(200);
    expect(await statusOf(asApp.rest.repos.get({ owner: 'acme', repo: 'docs' }))).toBe(403);
    const [head, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iat: number; exp: number };
    const tooLong = Buffer.from(JSON.stringify({ ...claims, exp: claims.iat + 3600 })).toString('base64url');
    const resigned = sign('RSA-SHA256', Buffer.from(`${head}.${tooLong}`), privateKey).toString('base64url');
    for (const forgery of [
      [head, tooLong, signature],
      [head, tooLong, resigned],
    ]) {
      const forged = new Octokit({ auth: forgery.join('.'), baseUrl: fake.url, retry: { enabled: false } });
      expect(await statusOf(forged.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'docs' }))).toBe(401);
    }
  });

  it('lists webhook deliveries by cursor and records redeliveries', async () => {
    for (let id = 1; id <= 3; id++)
      fake.deliveries.push({
        id,
        guid: `g${id}`,
        event: 'pull_request',
        ...(id > 1 && { action: 'opened' }),
        status_code: id === 2 ? 500 : 200,
        redelivery: false,
        delivered_at: '2024-01-01T00:00:00Z',
      });
    const pages = await app.octokit.paginate(app.octokit.rest.apps.listWebhookDeliveries, { per_page: 2 });
    expect(pages.map((d) => d.id)).toEqual([3, 2, 1]);
    const attempt = await app.octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: 2 });
    expect(attempt.status).toBe(202);
    expect(fake.deliveries.at(-1)).toMatchObject({ id: 4, guid: 'g2', redelivery: true });
  });
});
