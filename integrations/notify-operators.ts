import type { Logger } from 'pino';
import type { Catalog } from './catalog.js';
import type { ConnectionNotification, ProviderAdapters } from './contract.js';

/**
 * Tells every operator-level channel a provider's variables configure that a connection broke or
 * recovered, with its provider's reconnect hint. The change is already recorded, so a channel that
 * cannot be told is logged rather than retried (a retry would find no change left to report).
 */
export async function notifyOperators(
  built: ReadonlyMap<string, ProviderAdapters>,
  catalog: Catalog,
  logger: Logger,
  notification: ConnectionNotification,
): Promise<void> {
  const hint = catalog.definitions.find((d) => d.provider === notification.provider)?.reconnectHint;
  const told = { ...notification, ...(hint && !notification.reconnectHint ? { reconnectHint: hint } : {}) };
  for (const [provider, { notifier }] of built) {
    const config = notifier?.operator?.();
    if (!notifier || !config) continue;
    try {
      await notifier.notify(config, told);
    } catch (error) {
      logger.error({ err: error, provider, integrationId: notification.integrationId }, 'operator notification failed');
    }
  }
}
