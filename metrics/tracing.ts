import type { Logger } from 'pino';
import type { Tracing, TracingConfig } from './opentelemetry.js';

export type { Tracing, TracingConfig };

/**
 * Tracing when configured, otherwise nothing: the OpenTelemetry packages are loaded only when
 * an endpoint is set, so the default costs no memory or start-up time.
 */
export async function startTracing(
  config: TracingConfig | undefined,
  serviceName: string,
  logger: Logger,
): Promise<Tracing | undefined> {
  if (!config) return undefined;
  const { createTracing } = await import('./opentelemetry.js');
  const tracing = createTracing({ ...config, serviceName: config.serviceName ?? serviceName }, logger);
  logger.info({ tracesUrl: config.tracesUrl }, 'OpenTelemetry tracing on');
  return tracing;
}
