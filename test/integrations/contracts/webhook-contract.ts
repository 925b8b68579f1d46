import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { WebhookRequest } from '../../../integrations/contract.js';
import type { Harness } from '../../support/harness.js';

type Delivery = Omit<WebhookRequest, 'integrationId'>;

/** A provider's webhook, received through the runs service as the HTTP route does. */
export interface WebhookFixture {
  harness: Harness;
  provider: string;
  integrationId: string;
  /** The project a delivery starts a run for. */
  projectId: string;
  /** A correctly signed delivery, with this delivery id, that starts one run of the project. */
  signed(deliveryId: string): Delivery;
  /** The same delivery without its signature. */
  unsigned(deliveryId: string): Delivery;
  /** The same delivery signed with another secret. */
  wronglySigned(deliveryId: string): Delivery;
  close?(): Promise<void>;
}

let deliveries = 0;

/** What every webhook promises: it fails closed on a missing or wrong signature, recording nothing, and deduplicates deliveries. */
export function webhookContract(name: string, setup: () => Promise<WebhookFixture>): void {
  describe(`${name} webhook contract`, () => {
    let f: WebhookFixture;
    beforeAll(async () => {
      f = await setup();
    });
    afterAll(async () => {
      await f?.close?.();
    });

    const receive = (delivery: Delivery) =>
      f.harness.runs().receiveWebhook(f.provider, { integrationId: f.integrationId, ...delivery });
    const recorded = async () => ({
      deliveries: (
        await f.harness.db
          .selectFrom('webhook_deliveries')
          .select('delivery_id')
          .where('integration_id', '=', f.integrationId)
          .execute()
      ).length,
      runs: (await f.harness.db.selectFrom('runs').select('id').where('project_id', '=', f.projectId).execute()).length,
    });
    const deliveryId = () => `contract-delivery-${++deliveries}-${Date.now()}`;

    it.each([
      ['missing', 'unsigned'],
      ['wrong', 'wronglySigned'],
    ] as const)('refuses a %s signature with unauthorized and records nothing', async (_what, kind) => {
      const before = await recorded();
      const error = await receive(f[kind](deliveryId())).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('unauthorized');
      expect(await recorded()).toEqual(before);
    });

    it('handles a delivery once: the same delivery again is a duplicate and starts no second run', async () => {
      const before = await recorded();
      const id = deliveryId();
      const first = await receive(f.signed(id));
      expect(first.body).not.toMatchObject({ duplicate: true });
      expect(await recorded()).toEqual({ deliveries: before.deliveries + 1, runs: before.runs + 1 });
      const again = await receive(f.signed(id));
      expect(again.body).toMatchObject({ duplicate: true });
      expect(await recorded()).toEqual({ deliveries: before.deliveries + 1, runs: before.runs + 1 });
    });
  });
}
