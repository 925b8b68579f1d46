import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../integrations/catalog.js';
import type { ProviderDefinition, ProviderDeps } from '../../../integrations/contract.js';
import { github } from '../../../integrations/github/index.js';
import { createIntegrations } from '../../../integrations/integrations.js';
import { slack } from '../../../integrations/slack/index.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack/index.js';
import { signingSecret } from '../../support/fake-slack/signed.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testLogger } from '../../support/test-logger.js';

let fake: FakeSlack;
let harness: Harness;
let seen: ProviderDeps | undefined;
/** Stands in for any provider's health check: it is handed the same dependencies. */
const probe: ProviderDefinition = {
  provider: 'probe',
  title: 'Probe',
  schemas: {},
  create(deps) {
    seen = deps;
    return {};
  },
};

beforeAll(async () => {
  fake = await startFakeSlack();
  harness = await createHarness();
  const prepared = await harness.integrations.connection('slack').prepare({
    provider: 'slack',
    baseUrl: fake.url,
    auth: { type: 'token', botToken: fake.token },
    signingSecret,
  });
  await insertIntegration(harness.db, {
    id: 'int_operator_slack',
    provider: 'slack',
    baseUrl: prepared.baseUrl,
    settings: prepared.settings,
    sealedSecrets: harness.secrets.seal(JSON.stringify(prepared.secrets)),
    createdBy: 'test',
  });
});
afterAll(async () => {
  await harness?.close();
  await fake?.close();
});

const integrationsWith = (env: Record<string, string>) =>
  createIntegrations(
    {
      db: harness.db,
      secrets: harness.secrets,
      logger: testLogger(),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
      env,
    },
    createCatalog([github, slack, probe]),
  );
const operatorEnv = {
  DOCFLOW_SLACK_OPERATOR_CHANNEL: 'C0OPS',
  DOCFLOW_SLACK_OPERATOR_INTEGRATION: 'int_operator_slack',
};
const broken = {
  kind: 'connection' as const,
  integrationId: 'int_github_1',
  provider: 'github',
  status: 'broken' as const,
  detail: 'github refused the token (HTTP 401); connect again',
};

describe('the operator channel for broken integrations', () => {
  it('says which integration broke, what failed and how to reconnect, in one message', async () => {
    integrationsWith(operatorEnv);
    await seen!.notifyOperators!(broken);
    const posted = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0OPS');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.args.text).toContain('The github integration int_github_1 is broken');
    expect(posted[0]!.args.text).toContain('refused the token (HTTP 401)');
    expect(posted[0]!.args.text).toContain(`To reconnect: ${github.reconnectHint}`);
  });

  it('posts nothing when no operator channel is configured', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    integrationsWith({});
    await seen!.notifyOperators!(broken);
    expect(fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('a channel Slack cannot reach is logged, not thrown into the health check', async () => {
    integrationsWith(operatorEnv);
    fake.limitNext('chat.postMessage', 30);
    await expect(seen!.notifyOperators!(broken)).resolves.toBeUndefined();
  });

  it('refuses half a configuration or a malformed channel at start-up', () => {
    expect(() => integrationsWith({ DOCFLOW_SLACK_OPERATOR_CHANNEL: 'C0OPS' })).toThrow(
      /DOCFLOW_SLACK_OPERATOR_INTEGRATION/,
    );
    expect(() => integrationsWith({ ...operatorEnv, DOCFLOW_SLACK_OPERATOR_CHANNEL: '#ops' })).toThrow(/channel id/);
  });
});
