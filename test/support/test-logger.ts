import { pino } from 'pino';
import { createLogger, type Logger } from '../../config/logger.js';

/**
 * The logger the suite's API and integrations use: silent, unless DOCFLOW_TEST_LOG names a file —
 * scripts/test.sh sets it, and after the suite checks that file holds none of the tests' secrets.
 */
export function testLogger(): Logger {
  const file = process.env.DOCFLOW_TEST_LOG;
  if (!file) return pino({ level: 'silent' });
  return createLogger('debug', 'docflow-test', pino.destination({ dest: file, append: true, sync: true }));
}
