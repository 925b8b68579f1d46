import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { openServices, type Openers } from '../../bin/services.js';
import { readConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import type { DevServer } from '../../temporal/dev-server.js';
import { tempDir } from '../support/git-repos.js';
import { testLogger } from '../support/test-logger.js';

/** `npm start`'s configuration on a fresh data dir, its own task queue on the suite's Temporal. */
const config = () =>
  readConfig({
    DOCFLOW_DATA_DIR: tempDir(),
    TEMPORAL_NAMESPACE: 'default',
    DOCFLOW_TASK_QUEUE: `services-${randomBytes(4).toString('hex')}`,
  });

/** Resolves once `count` parties have arrived: each waits for all the others (for 15 s at most). */
function barrier(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return Promise.race([
      opened,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the other opener never began: they ran one after the other')), 15_000),
      ),
    ]);
  };
}

/** A dev server that is the suite's own (already running); `stop` only records that it was called. */
function fakeDevServer(stopped: string[]): DevServer {
  return {
    address: inject('temporalAddress'),
    uiUrl: 'http://127.0.0.1:1',
    stop: async () => void stopped.push('dev server'),
  };
}

describe('openServices at start-up', () => {
  it('starts the Temporal dev server and opens the database side by side', async () => {
    const bothStarted = barrier(2);
    const events: string[] = [];
    // Each opener waits until the other has begun: opened one after the other, neither would ever finish.
    const openers: Openers = {
      startDevServer: async () => {
        events.push('dev server starting');
        await bothStarted();
        return fakeDevServer(events);
      },
      openDatabase: async (options) => {
        events.push('database opening');
        await bothStarted();
        return openDatabase({ ...options, dataDir: undefined });
      },
    };
    const services = await openServices(config(), testLogger(), { allowDevServer: true, openers });
    try {
      expect(events).toEqual(expect.arrayContaining(['dev server starting', 'database opening']));
      expect(services.address).toBe(inject('temporalAddress'));
      await expect(services.runs.ping()).resolves.toBeDefined();
    } finally {
      await services.close();
    }
    expect(events).toContain('dev server');
  });

  it('closes the database when the dev server fails, and stops the dev server when the database fails', async () => {
    const destroyed: string[] = [];
    const database: Openers['openDatabase'] = async (options) => {
      const db = await openDatabase({ ...options, dataDir: undefined });
      const destroy = db.destroy.bind(db);
      db.destroy = async () => {
        destroyed.push('database');
        await destroy();
      };
      return db;
    };
    const devServerFails = openServices(config(), testLogger(), {
      allowDevServer: true,
      openers: {
        startDevServer: async () => {
          throw new Error('Temporal dev server exited with 1 before it was ready');
        },
        openDatabase: database,
      },
    });
    await expect(devServerFails).rejects.toThrow(/exited with 1 before it was ready/);
    expect(destroyed).toEqual(['database']);

    // The database fails at once; the dev server, still starting, is stopped once it is up.
    const stopped: string[] = [];
    const databaseFails = openServices(config(), testLogger(), {
      allowDevServer: true,
      openers: {
        startDevServer: async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          return fakeDevServer(stopped);
        },
        openDatabase: async () => {
          throw new Error('migration 0003 failed');
        },
      },
    });
    await expect(databaseFails).rejects.toThrow('migration 0003 failed');
    expect(stopped).toEqual(['dev server']);
  });

  it('refuses a separate process without TEMPORAL_ADDRESS before opening anything', async () => {
    const opened: string[] = [];
    const refused = openServices({ ...config(), databaseUrl: 'postgres://127.0.0.1:1/none' }, testLogger(), {
      allowDevServer: false,
      openers: {
        startDevServer: async () => {
          opened.push('dev server');
          throw new Error('not reached');
        },
        openDatabase: async () => {
          opened.push('database');
          throw new Error('not reached');
        },
      },
    });
    await expect(refused).rejects.toThrow(/TEMPORAL_ADDRESS is not set/);
    expect(opened).toEqual([]);
  });
});
