import { ApplicationFailure } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { withFailureTypes } from '../../../activities/failures.js';
import type { ChangeContext } from '../../../core/change.js';
import type { Project } from '../../../core/project.js';
import type { ContextProvider } from '../../../integrations/contract.js';
import { startFakeLinear } from '../../support/fake-linear/index.js';
import { linearAgainstFakes } from './linear-connection.js';
import { rateLimitContract } from './rate-limit-contract.js';

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
