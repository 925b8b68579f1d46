import { createRequire } from 'node:module';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { Logger } from 'pino';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';

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

/** Loaded by `startTracing` (tracing.ts) only when tracing is configured. */
export function createTracing(config: TracingConfig & { serviceName: string }, logger: Logger): Tracing {
  // Export failures (the collector down, say) are worth a warning, not silence.
  const otelLog = logger.child({ component: 'opentelemetry' });
  diag.setLogger(
    {
      error: (message, ...args) => otelLog.warn({ args }, message),
      warn: (message, ...args) => otelLog.warn({ args }, message),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  const resource = new Resource({ 'service.name': config.serviceName });
  const spanProcessor = new BatchSpanProcessor(
    new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global, so Temporal's interceptors (which ask the global API for their tracer) and context propagation use it.
  provider.register();
  const workflowClient = new OpenTelemetryWorkflowClientInterceptor();
  return {
    clientInterceptors: [workflowClient],
    workerInterceptors: {
      client: { workflow: [workflowClient] },
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    workflowInterceptorModules: [
      createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
    ],
    sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
    shutdown: () => provider.shutdown(),
  };
}
