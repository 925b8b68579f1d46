import type { LogLevel } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<LogLevel, string> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** Sends the Temporal SDK's own logs (worker state, activity failures) through pino. Once per process. */
export function installRuntimeLogger(logger: Logger, level: LogLevel = 'INFO'): void {
  const sdk = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const method = levels[entry.level] as 'info';
      sdk[method]?.({ ...entry.meta }, entry.message);
    }),
  });
}
