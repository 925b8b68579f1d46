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
  /** Workflows kept in memory between tasks; the rest are replayed from their history when a task comes. */
  maxCachedWorkflows?: number;
}

/**
 * A cached workflow costs ≈ 200 KB of the worker's heap (its V8 context and state); the SDK's default
 * sizes the cache from the machine's memory (2,310 entries here), i.e. ≈ 460 MB with that many runs
 * awaiting review, which is most of them and mostly idle. 500 keeps the cache under ≈ 100 MB; a run
 * whose workflow was evicted replays its (short) history when its review arrives, which costs a few ms.
 */
export const defaultMaxCachedWorkflows = 500;

export function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: withHeartbeats(createActivities(options.deps)),
    dataConverter: options.dataConverter,
    ...(options.tracing ? { interceptors: options.tracing.workerInterceptors, sinks: options.tracing.sinks } : {}),
    maxCachedWorkflows: options.maxCachedWorkflows ?? defaultMaxCachedWorkflows,
    // A workflow task in flight holds a cache slot: never more of them than the cache can hold.
    maxConcurrentWorkflowTaskExecutions: Math.min(40, options.maxCachedWorkflows ?? defaultMaxCachedWorkflows),
    // Let in-flight activities (a publish, say) finish on SIGTERM instead of cancelling them.
    shutdownGraceTime: '30s',
  });
}
