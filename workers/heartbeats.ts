import { Context } from '@temporalio/activity';

const everyMs = 3000;

/**
 * Every activity heartbeats while it works, so that a worker killed mid-activity is noticed after
 * the activity's heartbeatTimeout (set on the long ones in the workflow) rather than its
 * startToCloseTimeout, and another worker retries it. The SDK throttles what reaches the server.
 */
export function withHeartbeats<T extends Record<string, (...args: any[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      const context = Context.current();
      context.heartbeat();
      const timer = setInterval(() => context.heartbeat(), everyMs);
      try {
        return await fn(...args);
      } finally {
        clearInterval(timer);
      }
    };
  }
  return wrapped as T;
}
