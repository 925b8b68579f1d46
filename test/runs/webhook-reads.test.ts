import type { Client } from '@temporalio/client';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { insertIntegration } from '../../db/repositories/integrations.js';
import { insertProject, listProjectsNaming } from '../../db/repositories/projects.js';
import { createIntegrations } from '../../integrations/integrations.js';
import { handleWebhook } from '../../runs/handle-webhook.js';
import { createSecretBox } from '../../secrets/secret-box.js';
import { signedDelivery } from '../support/github-payloads.js';
import { providerDefaults } from '../support/provider-deps.js';
import { testSecretKey } from '../support/test-keys.js';
import { testLogger } from '../support/test-logger.js';

const webhookSecret = 'a-webhook-secret-of-some-length';
const secrets = createSecretBox([testSecretKey]);
let db: Db;
/** The tables each statement sent to the database reads or writes, in order. */
const statements: string[] = [];
const recorder: KyselyPlugin = {
  transformQuery({ node }) {
    statements.push(`${node.kind} ${tablesOf(node).join(',')}`);
    return node;
  },
  transformResult: async ({ result }) => result,
};
const tablesOf = (node: RootOperationNode) => [
  ...new Set(
    [...JSON.stringify(node).matchAll(/"identifier":\{"kind":"IdentifierNode","name":"(\w+)"/g)].map((m) => m[1]!),
  ),
];

const project = (name: string, config: Record<string, unknown>) =>
  insertProject(db, `prj_${name}`, {
    name,
    triggers: [],
    context: [],
    destinations: [],
    review: { required: true, expireAfter: '1d' },
    ...config,
  } as never);

beforeAll(async () => {
  db = await openDatabase({});
  for (const id of ['int_gh', 'int_gh2'])
    await insertIntegration(db, {
      id,
      provider: 'github',
      baseUrl: 'https://api.github.com',
      settings: { auth: 'token' },
      sealedSecrets: secrets.seal(JSON.stringify({ token: 'github_pat_x', webhookSecret })),
      createdBy: 'test',
    });
  await project('trigger', {
    triggers: [{ type: 'github', integrationId: 'int_gh', repos: ['a/b'], excludeRepos: [] }],
  });
  await project('review', { reviewChannel: { type: 'slack', integrationId: 'int_gh', channel: 'C1' } });
  await project('other', {
    triggers: [{ type: 'github', integrationId: 'int_gh2', repos: ['a/b'], excludeRepos: [] }],
  });
  await project('prefix', { context: [{ type: 'github', integrationId: 'int_gh22' }] });
  await project('none', { triggers: [{ type: 'manual' }] });
});
afterAll(async () => {
  await db?.destroy();
});

describe('a webhook delivery', () => {
  it("reads only the projects whose configuration names the delivery's connection", async () => {
    const names = async (id: string) => (await listProjectsNaming(db, id)).map((p) => p.name).sort();
    expect(await names('int_gh')).toEqual(['review', 'trigger']);
    expect(await names('int_gh2')).toEqual(['other']);
    expect(await names("int_gh' or true")).toEqual([]);
  });

  it('reads the connection once, verifies it, deduplicates it, and loads no project it cannot concern', async () => {
    const counted = db.withPlugin(recorder);
    const integrations = createIntegrations({
      db: counted,
      secrets,
      logger: testLogger(),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
    });
    const deps = {
      db: counted,
      integrations,
      secrets,
      deliveryRetentionMs: 30 * 86_400_000,
      // A ping plans nothing: Temporal is never called.
      temporal: { client: undefined as unknown as Client, taskQueue: 'unused', namespace: 'default' },
    };
    const { body, headers } = signedDelivery('ping', { zen: 'hi', repository: { full_name: 'a/b' } }, webhookSecret);
    const request = { integrationId: 'int_gh', headers: lower(headers), rawBody: Buffer.from(body) };
    statements.length = 0;
    expect((await handleWebhook(deps, 'github', request)).outcome).toBe('ignored');
    expect(statements.filter((s) => s === 'SelectQueryNode integrations')).toHaveLength(1);
    expect(statements.filter((s) => s.includes('projects'))).toHaveLength(1);
    expect(statements.some((s) => s.startsWith('InsertQueryNode webhook_deliveries'))).toBe(true);

    const again = await handleWebhook(deps, 'github', request);
    expect(again.outcome).toBe('duplicate');

    const forged = signedDelivery('ping', { zen: 'hi' }, 'another-secret-entirely');
    statements.length = 0;
    await expect(
      handleWebhook(deps, 'github', {
        integrationId: 'int_gh',
        headers: lower(forged.headers),
        rawBody: Buffer.from(forged.body),
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(statements.filter((s) => !s.startsWith('SelectQueryNode integrations'))).toEqual([]);
  });
});

const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
