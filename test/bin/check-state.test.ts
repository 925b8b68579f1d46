import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../bin/check-state.js';
import { openDatabase, type Db } from '../../db/database.js';
import { insertIntegration } from '../../db/repositories/integrations.js';
import { findRun, insertRun } from '../../db/repositories/runs.js';
import { rotateSecretKeys } from '../../secrets/rotate-keys.js';
import { createSecretBox, keyIdOf, type SecretBox } from '../../secrets/secret-box.js';
import { createHarness, type Harness } from '../support/harness.js';
import { testSecretKey } from '../support/test-keys.js';
import { testLogger } from '../support/test-logger.js';

let harness: Harness;
const opened: Db[] = [];
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => {
  for (const db of opened) await db.destroy();
  await harness?.close();
});

async function newDatabase(): Promise<Db> {
  const db = await openDatabase({});
  opened.push(db);
  return db;
}

/** Each test gets a task queue of its own: a separate installation on the suite's Temporal. */
function checker(taskQueue = `state-${randomBytes(4).toString('hex')}`) {
  return (db: Db, options: { reset?: boolean; secrets?: SecretBox } = {}) =>
    checkState({
      db,
      secrets: options.secrets ?? harness.secrets,
      client: harness.client,
      taskQueue,
      reset: options.reset ?? false,
      where: { database: 'the test database', temporal: 'the test Temporal' },
      logger: testLogger(),
    });
}

async function activeRunWithoutWorkflow(db: Db): Promise<string> {
  const projectId = `prj_${randomBytes(6).toString('hex')}`;
  await db.insertInto('projects').values({ id: projectId, name: 'lost', config: '{}' }).execute();
  const run = await insertRun(db, {
    id: `run_${randomBytes(6).toString('hex')}`,
    projectId,
    trigger: 'manual',
    source: {},
  });
  await db.updateTable('runs').set({ status: 'awaiting_review' }).where('id', '=', run.id).execute();
  return run.id;
}

describe('the database and Temporal name each other at start', () => {
  it('binds a new installation once and accepts it on every later start', async () => {
    const check = checker();
    const db = await newDatabase();
    const id = await check(db);
    expect(id).toMatch(/^ins_/);
    expect(await check(db)).toBe(id);
  });

  it('refuses a lost database (Temporal still holds runs), unless told to reset', async () => {
    const check = checker();
    const original = await newDatabase();
    const before = await check(original);

    const empty = await newDatabase();
    const refusal = check(empty);
    await expect(refusal).rejects.toMatchObject({ code: 'state_mismatch' });
    await expect(refusal).rejects.toThrow(
      new RegExp(`holds the runs of docflow installation ${before}.*database was lost.*DOCFLOW_RESET_STATE=1`),
    );

    const after = await check(empty, { reset: true });
    expect(after).not.toBe(before);
    expect(await check(empty)).toBe(after);
    // Temporal now belongs to the new database: the old one is the stranger.
    await expect(check(original)).rejects.toMatchObject({ code: 'state_mismatch' });
  });

  it('refuses lost Temporal state; a reset ends runs whose workflow is gone failed / workflow_lost', async () => {
    const taskQueue = `state-${randomBytes(4).toString('hex')}`;
    const check = checker(taskQueue);
    const db = await newDatabase();
    const id = await check(db);
    const lostRun = await activeRunWithoutWorkflow(db);
    await harness.client.schedule.getHandle(`docflow-installation-${taskQueue}`).delete();

    await expect(check(db)).rejects.toThrow(
      new RegExp(
        `belongs to docflow installation ${id}, but the test Temporal has no record of it.*DOCFLOW_RESET_STATE=1.*workflow_lost`,
      ),
    );
    expect((await findRun(db, lostRun))?.status).toBe('awaiting_review');

    expect(await check(db, { reset: true })).toBe(id);
    expect(await findRun(db, lostRun)).toMatchObject({ status: 'failed', reason: 'workflow_lost' });
    expect(await check(db)).toBe(id);
  });

  it('ends a run whose workflow vanished on the next start, even with both stores intact', async () => {
    const check = checker();
    const db = await newDatabase();
    await check(db);
    const lostRun = await activeRunWithoutWorkflow(db);
    await check(db);
    expect(await findRun(db, lostRun)).toMatchObject({ status: 'failed', reason: 'workflow_lost' });
  });
});

describe('the secret key canary', () => {
  const otherKey = randomBytes(32);

  it('refuses a changed DOCFLOW_SECRET_KEY at start, naming the key that sealed the data', async () => {
    const check = checker();
    const db = await newDatabase();
    await check(db);
    const refusal = check(db, { secrets: createSecretBox([otherKey]) });
    await expect(refusal).rejects.toMatchObject({ code: 'secret_key_mismatch' });
    await expect(refusal).rejects.toThrow(
      new RegExp(`sealed with secret key ${keyIdOf(testSecretKey)}.*DOCFLOW_SECRET_KEYS_OLD`),
    );
  });

  it('checks a database from before the canary by its stored credentials before sealing one', async () => {
    const check = checker();
    const db = await newDatabase();
    await insertIntegration(db, {
      id: 'int_old',
      provider: 'github',
      baseUrl: 'https://api.github.com',
      settings: {},
      sealedSecrets: harness.secrets.seal('{}'),
      createdBy: 'test',
    });
    await expect(check(db, { secrets: createSecretBox([otherKey]) })).rejects.toThrow(
      new RegExp(`sealed with secret key ${keyIdOf(testSecretKey)}`),
    );
    await check(db);
  });

  it('accepts the old key in DOCFLOW_SECRET_KEYS_OLD, and after "keys rotate" the new key alone', async () => {
    const check = checker();
    const db = await newDatabase();
    await check(db);
    const rotating = createSecretBox([otherKey, testSecretKey]);
    await check(db, { secrets: rotating });
    await rotateSecretKeys(db, rotating);
    await check(db, { secrets: createSecretBox([otherKey]) });
    await expect(check(db)).rejects.toMatchObject({ code: 'secret_key_mismatch' });
  });
});
