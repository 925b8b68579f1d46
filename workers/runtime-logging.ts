import type { LogLevel } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<LogLevel, string> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

export interface RuntimeOptions {
  level?: LogLevel;
  /** `host:port` where the SDK serves its own worker metrics (Prometheus, `/metrics`); unset → none. */
  metricsAddress?: string;
}

/**
 * Sends the Temporal SDK's own logs (worker state, activity failures) through pino and, when asked,
 * exports its worker metrics (task slots, poll latency, workflow cache…) for Prometheus. Once per process.
 */
export function installRuntimeLogger(logger: Logger, { level = 'INFO', metricsAddress }: RuntimeOptions = {}): void {
  const sdk = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const method = levels[entry.level] as 'info';
      sdk[method]?.({ ...entry.meta }, entry.message);
    }),
    ...(metricsAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true } } } }
      : {}),
  });
  if (metricsAddress) logger.info({ url: `http://${metricsAddress}/metrics` }, 'Temporal worker metrics exported');
}
