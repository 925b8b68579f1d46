import type { DataConverter } from '@temporalio/common';
import { type NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/create-activities.js';
import type { Tracing } from '../metrics/tracing.js';
import { withHeartbeats } from './heartbeats.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundle;
  deps: ActivityDeps;
  dataConverter: DataConverter;
  /** OpenTelemetry's activity interceptors and workflow span sink; the bundle must carry its workflow interceptors. */
  tracing?: Pick<Tracing, 'workerInterceptors' | 'sinks'>;
}

export function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: withHeartbeats(createActivities(options.deps)),
    dataConverter: options.dataConverter,
    ...(options.tracing ? { interceptors: options.tracing.workerInterceptors, sinks: options.tracing.sinks } : {}),
    // Let in-flight activities (a publish, say) finish on SIGTERM instead of cancelling them.
    shutdownGraceTime: '30s',
  });
}
