import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { findIntegration, insertIntegration } from '../../../db/repositories/integrations.js';
import { createCatalog } from '../../../integrations/catalog.js';
import type {
  ConnectionNotification,
  Notification,
  PreparedConnection,
  ProviderDefinition,
} from '../../../integrations/contract.js';
import { createIntegrations, type Integrations } from '../../../integrations/integrations.js';
import { localGit } from '../../../integrations/local-git/index.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { contractSecrets as secrets } from './against-fakes.js';

/** A provider whose connections made with credentials can be checked, and its fake, which can refuse or fail on demand. */
export interface ConnectionCheckFixture {
  definition: ProviderDefinition;
  /** A `POST /v1/integrations` body the fake accepts. */
  body: Record<string, unknown>;
  /** The fake refuses the stored credentials from now on (revoked), until `restore`. */
  revoke(): void;
  restore(): void;
  /** The fake answers the check's next request with this status instead (429 with Retry-After, a 5xx). */
  failNext(status: 429 | 500 | 502 | 503): void;
  close(): Promise<void>;
}

/** Records what the operator channels are told: a notifier with an operator entry, as a chat provider's is. */
function operatorProbe(told: ConnectionNotification[]): ProviderDefinition {
  return {
    provider: 'operator-probe',
    title: 'Operator probe',
    schemas: {},
    create: () => ({
      notifier: {
        operator: () => ({ type: 'operator-probe' }),
        notify: async (_config: unknown, notification: Notification) =>
          void (notification.kind === 'connection' && told.push(notification)),
      },
    }),
  };
}

/**
 * What every provider whose connection adapter offers `check` promises: the connection `prepare`
 * stored gets the 15-minute health-check schedule; the check finds it working; revoked credentials
 * make it broken (recorded, audited and told to the operators once, with what failed); a rate limit or
 * a 5xx proves nothing and changes nothing; working credentials again are told once as recovered.
 */
export function connectionCheckContract(name: string, setup: () => Promise<ConnectionCheckFixture>): void {
  describe(`${name} connection health-check contract`, () => {
    let f: ConnectionCheckFixture;
    let db: Db;
    let integrations: Integrations;
    let prepared: PreparedConnection;
    const told: ConnectionNotification[] = [];

    beforeAll(async () => {
      f = await setup();
      db = await openDatabase({});
      integrations = createIntegrations(
        {
          db,
          secrets,
          logger: pino({ level: 'silent' }),
          publicUrl: 'http://docflow.test',
          allowPrivateUrls: true,
          ...providerDefaults,
        },
        // local-git makes a complete catalog (context and destination entries) for providers that offer neither.
        createCatalog([localGit, f.definition, operatorProbe(told)]),
      );
      prepared = await integrations.connection(f.definition.provider).prepare(f.body);
    });
    afterAll(async () => {
      await f?.close();
      await db?.destroy();
    });

    const provider = () => f.definition.provider;
    async function store(): Promise<string> {
      const id = newId('int');
      await insertIntegration(db, {
        id,
        provider: provider(),
        baseUrl: prepared.baseUrl,
        settings: prepared.settings,
        sealedSecrets: secrets.seal(JSON.stringify(prepared.secrets)),
        createdBy: 'contract test',
      });
      return id;
    }
    const check = (id: string) => integrations.maintenanceTask(provider(), 'health-check').run(id);
    const statusOf = async (id: string) => (await findIntegration(db, id))?.status;
    const toldAbout = (id: string) => told.filter((n) => n.integrationId === id);

    it('schedules a health check every 15 minutes for a connection made with credentials', () => {
      const tasks = integrations.maintenance(provider(), prepared.settings);
      expect(tasks.filter((t) => t.name === 'health-check').map((t) => t.every)).toEqual(['15m']);
    });

    it('finds stored credentials working, revoked ones broken once, and working ones again recovered once', async () => {
      const id = await store();
      expect(await check(id)).toEqual({ status: 'connected' });
      expect(toldAbout(id)).toEqual([]);

      f.revoke();
      const broken = (await check(id)) as { status: string; detail: string };
      expect(broken).toMatchObject({ status: 'broken', detail: expect.any(String) });
      expect(broken.detail.length).toBeGreaterThan(10);
      expect(await check(id)).toMatchObject({ status: 'broken' });
      expect(await statusOf(id)).toBe('broken');
      expect((await findIntegration(db, id))?.status_detail).toBe(broken.detail);
      expect(toldAbout(id)).toEqual([
        expect.objectContaining({ provider: provider(), status: 'broken', detail: broken.detail }),
      ]);
      expect(toldAbout(id)[0]!.reconnectHint).toEqual(expect.any(String));

      f.restore();
      expect(await check(id)).toEqual({ status: 'connected' });
      expect(await check(id)).toEqual({ status: 'connected' });
      expect(toldAbout(id).map((n) => n.status)).toEqual(['broken', 'recovered']);
      const audit = await db.selectFrom('audit_log').select('action').where('target', '=', id).execute();
      expect(audit.map((a) => a.action)).toEqual(['integration.broken', 'integration.recovered']);
    });

    it('takes a rate limit or a 5xx for "unknown, try later": never broken, nothing recorded, nobody told', async () => {
      const id = await store();
      for (const status of [429, 503] as const) {
        f.failNext(status);
        expect(await check(id)).toMatchObject({ status: 'unknown', detail: expect.any(String) });
        expect(await statusOf(id)).toBe('connected');
      }
      // Nor does an outage make a broken connection look recovered.
      f.revoke();
      await check(id);
      f.restore();
      f.failNext(502);
      expect(await check(id)).toMatchObject({ status: 'unknown' });
      expect(await statusOf(id)).toBe('broken');
      expect(toldAbout(id).map((n) => n.status)).toEqual(['broken']);
      expect(await check(id)).toEqual({ status: 'connected' });
    });

    it('finds nothing to check once the connection is gone', async () => {
      expect(await check('int_gone_0000')).toEqual({ status: 'gone' });
    });
  });
}
