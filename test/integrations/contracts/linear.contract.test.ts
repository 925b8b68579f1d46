import { ApplicationFailure } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { withFailureTypes } from '../../../activities/failures.js';
import type { ChangeContext } from '../../../core/change.js';
import type { Project } from '../../../core/project.js';
import type { ContextProvider } from '../../../integrations/contract.js';
import type { SourceAdapter } from '../../../integrations/contract.js';
import { createCatalog } from '../../../integrations/catalog.js';
import type { LinearSource } from '../../../integrations/linear/schemas.js';
import { providers } from '../../../integrations/registry.js';
import { insertProject } from '../../../db/repositories/projects.js';
import { newId } from '../../../core/ids.js';
import { startFakeLinear } from '../../support/fake-linear/index.js';
import { createHarness } from '../../support/harness.js';
import { issuePayload, linearWebhookSecret, signedLinearDelivery } from '../../support/linear-payloads.js';
import { connectLinearToFake, linearAgainstFakes } from './linear-connection.js';
import { projectReading } from './project-reading.js';
import { rateLimitContract } from './rate-limit-contract.js';
import { sourceContract } from './source-contract.js';
import { webhookContract } from './webhook-contract.js';

const setup = linearAgainstFakes();
afterAll(() => setup.close());

const change: ChangeContext = { sourceLabel: 'app#1', note: 'Fixes ENG-1', commits: [], diff: '', files: [] };
const project = {} as Project;

async function fixture() {
  const fake = await startFakeLinear();
  fake.addIssue({ identifier: 'ENG-1', title: 'Add a timeout' });
  const { adapters, integrationId } = await setup.connect(fake);
  const provider = adapters.contextProvider as ContextProvider<Record<string, unknown> & { type: string }>;
  const entry = { type: 'linear', integrationId, teams: ['ENG'], maxIssues: 10 };
  return { fake, call: () => provider.enrich(entry, change, project) };
}

rateLimitContract('linear', async () => {
  const { fake, call } = await fixture();
  return { call, limitNext: (response) => fake.limitNext(response), close: () => fake.close() };
});

describe('linear complexity rate limits', () => {
  const failureOf = async (call: () => Promise<unknown>) => {
    const { wrapped } = withFailureTypes({ wrapped: call });
    const error = await wrapped().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe('rate_limited');
    expect((error as ApplicationFailure).nonRetryable).toBe(false);
    return Number((error as ApplicationFailure).nextRetryDelay);
  };

  it('waits for the complexity reset (epoch milliseconds) of a 400 RATELIMITED, then reads the issue', async () => {
    const { fake, call } = await fixture();
    try {
      const reset = Date.now() + 90_000;
      fake.limitNext({
        status: 400,
        headers: {
          'x-ratelimit-complexity-remaining': '0',
          'x-ratelimit-complexity-reset': String(reset),
          'x-ratelimit-requests-remaining': '4000',
          'x-ratelimit-requests-reset': String(Date.now() + 5_000),
        },
      });
      const delay = await failureOf(call);
      expect(delay).toBeGreaterThan(85_000);
      expect(delay).toBeLessThanOrEqual(91_000);
      expect((await call()).references.map((r) => r.id)).toEqual(['ENG-1']);
    } finally {
      await fake.close();
    }
  });

  it('waits for the requests reset of a 429 RATELIMITED without Retry-After', async () => {
    const { fake, call } = await fixture();
    try {
      fake.limitNext({
        status: 429,
        headers: { 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(Date.now() + 30_000) },
      });
      const delay = await failureOf(call);
      expect(delay).toBeGreaterThan(25_000);
      expect(delay).toBeLessThanOrEqual(31_000);
    } finally {
      await fake.close();
    }
  });
});

// An issue source names an issue; pinning records the moment it was read at, so a comment made later is not read.
sourceContract('linear', { symbolic: true, refusesUnknownRevisions: true }, async () => {
  const fake = await startFakeLinear();
  fake.addIssue({
    identifier: 'ENG-1',
    title: 'Add a timeout',
    description: 'Requests hang forever: add `--timeout`.',
    state: { name: 'Done', type: 'completed' },
    labels: ['docs'],
    comments: [{ body: 'Milliseconds.', author: 'Bob', createdAt: '2026-01-02T10:00:00Z' }],
  });
  fake.addIssue({ identifier: 'OPS-1', title: 'Another team' });
  const { adapters, integrationId } = await setup.connect(fake);
  const s: LinearSource = { type: 'linear', integrationId, issue: 'ENG-1' };
  return {
    adapter: adapters.source as SourceAdapter<LinearSource>,
    project: projectReading([{ type: 'linear', integrationId, teams: ['ENG'], maxIssues: 10 }]),
    source: s,
    move: async () => fake.addComment('ENG-1', { body: 'Actually seconds.', author: 'Bob' }),
    unknown: {
      'an unknown issue': { ...s, issue: 'ENG-404' },
      'an issue of a team the project does not read': { ...s, issue: 'OPS-1' },
    },
    async close() {
      expect(fake.refused).toEqual([]);
      await fake.close();
    },
  };
});

webhookContract('linear', async () => {
  const fake = await startFakeLinear();
  const harness = await createHarness();
  // Planning reads nothing from Linear: the payload carries what the source is pinned to.
  const integrationId = await connectLinearToFake(harness.db, fake, undefined, linearWebhookSecret);
  const input = createCatalog(providers).projectInputSchema.parse({
    name: 'webhook contract',
    triggers: [{ type: 'linear', integrationId, teams: ['ENG'], labels: ['docs'], states: ['Done'] }],
    context: [{ type: 'linear', integrationId, teams: ['ENG'] }],
    destinations: [{ type: 'local-git', repo: '/nowhere', baseBranch: 'main' }],
  });
  const project = await insertProject(harness.db, newId('prj'), input);
  let issues = 0;
  // Each delivery moves another issue into Done, so each starts a run of its own.
  const delivery = (deliveryId: string, secret = linearWebhookSecret) => {
    const payload = issuePayload({
      action: 'update',
      identifier: `ENG-${++issues}`,
      state: 'Done',
      labels: ['docs'],
      from: { state: 'In Review' },
    });
    const { body, headers } = signedLinearDelivery(payload, secret, deliveryId);
    return { headers: headers as Record<string, string | undefined>, rawBody: Buffer.from(body) };
  };
  return {
    harness,
    provider: 'linear',
    integrationId,
    projectId: project.id,
    signed: (id) => delivery(id),
    unsigned: (id) => {
      const unsigned = delivery(id);
      delete unsigned.headers['linear-signature'];
      return unsigned;
    },
    wronglySigned: (id) => delivery(id, 'another-secret-entirely-0123456789'),
    async close() {
      await harness.close();
      expect(fake.requests).toEqual([]);
      await fake.close();
    },
  };
});
