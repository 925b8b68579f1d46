import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { withFailureTypes } from '../../../activities/failures.js';
import { newId } from '../../../core/ids.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { insertProject } from '../../../db/repositories/projects.js';
import { createCatalog } from '../../../integrations/catalog.js';
import { providers } from '../../../integrations/registry.js';
import type { SlackSource } from '../../../integrations/slack/schemas.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack/index.js';
import { mentionEvent, signingSecret, slackHeaders } from '../../support/fake-slack/signed.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { webhookContract } from './webhook-contract.js';

const channel = 'C0CONTRACT';

/** A token-mode Slack connection to `fake`, stored as the connection adapter would store it. */
async function connect(harness: Harness, fake: FakeSlack): Promise<string> {
  const id = newId('int');
  await insertIntegration(harness.db, {
    id,
    provider: 'slack',
    baseUrl: fake.url,
    settings: { auth: 'token', botUserId: fake.botUserId },
    sealedSecrets: harness.secrets.seal(JSON.stringify({ botToken: fake.token, signingSecret })),
    createdBy: 'contract test',
  });
  return id;
}

webhookContract('slack', async () => {
  const fake = await startFakeSlack();
  const harness = await createHarness();
  const integrationId = await connect(harness, fake);
  const input = createCatalog(providers).projectInputSchema.parse({
    name: 'slack webhook contract',
    triggers: [{ type: 'slack', integrationId }],
    context: [{ type: 'local-git', repo: '/nonexistent' }],
    destinations: [{ type: 'local-git', repo: '/nonexistent', baseBranch: 'main' }],
  });
  const project = await insertProject(harness.db, newId('prj'), input);
  let thread = 0;
  const delivery = (deliveryId: string, secret = signingSecret) => {
    const ts = `17000000${String(++thread).padStart(2, '0')}.000100`;
    const body = JSON.stringify({ ...mentionEvent(channel, ts, '<@UBOT0001> docs?'), event_id: deliveryId });
    return { headers: slackHeaders(body, { secret }), rawBody: Buffer.from(body) };
  };
  return {
    harness,
    provider: 'slack',
    integrationId,
    projectId: project.id,
    signed: (id) => delivery(id),
    unsigned: (id) => {
      const d = delivery(id);
      return { ...d, headers: { 'content-type': 'application/json' } };
    },
    wronglySigned: (id) => delivery(id, '0'.repeat(32)),
    async close() {
      await harness.close();
      await fake.close();
    },
  };
});

describe('slack rate limits', () => {
  it("a 429 while reading a thread becomes a retry after Slack's Retry-After, then the read goes through", async () => {
    const fake = await startFakeSlack();
    const harness = await createHarness();
    try {
      const integrationId = await connect(harness, fake);
      fake.post(channel, { ts: '1700000100.000100', user: 'U0ALICE', text: 'the port changed' });
      const source: SlackSource = {
        type: 'slack',
        integrationId,
        channel,
        threadTs: '1700000100.000100',
        latestTs: '1700000100.000100',
      };
      const adapter = harness.integrations.source('slack');
      const { read } = withFailureTypes({ read: () => adapter.gatherContext(source, undefined as never) });
      fake.limitNext('conversations.replies', 7);
      const failure = await read().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect((failure as ApplicationFailure).type).toBe('rate_limited');
      expect(Number((failure as ApplicationFailure).nextRetryDelay)).toBe(7000);
      await expect(read()).resolves.toMatchObject({
        change: {
          files: [{ path: `slack/${channel}/1700000100.000100`, content: expect.stringContaining('the port changed') }],
        },
      });
    } finally {
      await harness.close();
      await fake.close();
    }
  });
});
