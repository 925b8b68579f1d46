import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { Logger } from 'pino';

export interface TracingConfig {
  /** Where spans are sent (OTLP over HTTP, JSON): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  tracesUrl: string;
  /** OTEL_SERVICE_NAME; each entry point's own name when unset. */
  serviceName?: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (`key=value,…`), e.g. the collector's API key. */
  headers: Record<string, string>;
}

/** OpenTelemetry tracing of runs: Temporal's interceptors on the client and worker, spans exported over OTLP/HTTP. */
export interface Tracing {
  clientInterceptors: WorkflowClientInterceptor[];
  workerInterceptors: Pick<WorkerInterceptors, 'activity' | 'client'>;
  /** Workflow interceptor modules: bundled with the workflows (a prebuilt bundle cannot take them later). */
  workflowInterceptorModules: string[];
  /** Where workflow code hands its spans (an injected sink: workflows do no I/O themselves). */
  sinks: InjectedSinks<any>;
  /** Sends what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

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
