import type { GitHubClients } from './clients.js';

export interface RedeliveryReport {
  checked: number;
  redelivered: string[];
}

/**
 * Asks GitHub to redeliver the App's failed webhook deliveries of the last `lookbackMs` whose event
 * never got through (GitHub itself does not retry). Deliveries docflow already received are
 * deduplicated on arrival, so redelivering one twice is harmless.
 */
export async function redeliverFailedDeliveries(
  clients: GitHubClients,
  integrationId: string,
  lookbackMs: number,
  now = Date.now(),
): Promise<RedeliveryReport> {
  const octokit = await clients.forApp(integrationId);
  const since = now - lookbackMs;
  const attempts = new Map<string, { ok: boolean; latestFailedId?: number }>();
  let checked = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
    let older = false;
    for (const delivery of page.data) {
      if (Date.parse(delivery.delivered_at) < since) {
        older = true;
        continue;
      }
      checked++;
      const seen = attempts.get(delivery.guid) ?? { ok: false };
      const ok = delivery.status_code >= 200 && delivery.status_code < 300;
      attempts.set(delivery.guid, {
        ok: seen.ok || ok,
        latestFailedId: seen.latestFailedId ?? (ok ? undefined : delivery.id),
      });
    }
    if (older) break; // deliveries come newest first
  }
  const redelivered: string[] = [];
  for (const [guid, state] of attempts) {
    if (state.ok || state.latestFailedId === undefined) continue;
    await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: state.latestFailedId });
    redelivered.push(guid);
  }
  return { checked, redelivered };
}
