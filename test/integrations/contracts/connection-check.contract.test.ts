import { bitbucket } from '../../../integrations/bitbucket/index.js';
import { github } from '../../../integrations/github/index.js';
import { slack } from '../../../integrations/slack/index.js';
import { zendesk } from '../../../integrations/zendesk/index.js';
import { fakeBitbucketCredentials, startFakeBitbucket } from '../../support/fake-bitbucket/index.js';
import { startFakeGitHub } from '../../support/fake-github/index.js';
import { startFakeSlack } from '../../support/fake-slack/index.js';
import { signingSecret } from '../../support/fake-slack/signed.js';
import { startFakeZendesk } from '../../support/fake-zendesk/index.js';
import { connectionCheckContract } from './connection-check-contract.js';

connectionCheckContract('slack', async () => {
  const fake = await startFakeSlack();
  return {
    definition: slack,
    body: { provider: 'slack', baseUrl: fake.url, auth: { type: 'token', botToken: fake.token }, signingSecret },
    revoke: () => fake.revoke('token_revoked'),
    restore: () => fake.restore(),
    failNext: (status) => (status === 429 ? fake.limitNext('auth.test', 1) : fake.failNext('auth.test', status)),
    close: () => fake.close(),
  };
});

connectionCheckContract('github', async () => {
  const fake = await startFakeGitHub();
  const token = 'ghp_health_check_token_0123456789';
  return {
    definition: github,
    body: {
      provider: 'github',
      baseUrl: fake.url,
      auth: { type: 'token', token },
      webhookSecret: 'a-webhook-secret-of-some-length',
    },
    revoke: () => fake.revoke(token),
    restore: () => fake.restore(token),
    failNext: (status) =>
      fake.failNext(
        { method: 'GET', pathPattern: /^\/user$/ },
        { status, headers: status === 429 ? { 'retry-after': '1' } : {} },
      ),
    async close() {
      if (fake.violations.length) throw new Error(`the fake GitHub saw violations: ${JSON.stringify(fake.violations)}`);
      await fake.close();
    },
  };
});

connectionCheckContract('bitbucket', async () => {
  const fake = await startFakeBitbucket();
  const { email, apiToken } = fakeBitbucketCredentials;
  return {
    definition: bitbucket,
    body: {
      provider: 'bitbucket',
      baseUrl: fake.url,
      auth: { type: 'api_token', email, token: apiToken },
      webhookSecret: 'bitbucket-webhook-secret-0123456789',
    },
    revoke: () => fake.revoke(`Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`),
    restore: () => fake.accept(`Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`),
    failNext: (status) =>
      fake.failNext(
        { method: 'GET', pathPattern: /\/user$/ },
        { status, headers: status === 429 ? { 'retry-after': '1' } : {} },
      ),
    async close() {
      if (fake.violations.length)
        throw new Error(`the fake Bitbucket saw violations: ${JSON.stringify(fake.violations)}`);
      await fake.close();
    },
  };
});

connectionCheckContract('zendesk', async () => {
  const fake = await startFakeZendesk();
  return {
    definition: zendesk,
    body: {
      provider: 'zendesk',
      baseUrl: fake.url,
      auth: { type: 'token', email: fake.email, apiToken: fake.apiToken },
    },
    revoke: () => fake.revokeApiToken(),
    restore: () => fake.restoreApiToken(),
    failNext: (status) => fake.failNext('/api/v2/users/me', status, status === 429 ? { 'retry-after': '1' } : {}),
    close: () => fake.close(),
  };
});
