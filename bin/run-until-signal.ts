import type { Logger } from '../config/logger.js';

/** Starts a process's services, then stops them cleanly on SIGINT/SIGTERM; a failed start exits 1. */
export async function runUntilSignal(logger: Logger, start: () => Promise<() => Promise<void>>): Promise<void> {
  let stop: () => Promise<void>;
  try {
    stop = await start();
  } catch (error) {
    logger.fatal({ err: error }, `docflow failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  logger.info('shutting down');
  await stop();
  process.exit(0);
}
