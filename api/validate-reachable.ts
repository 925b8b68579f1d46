import { findIntegration } from '../db/repositories/integrations.js';
import { AppError, isAppError } from '../core/errors.js';
import type { ProjectInput, ScheduleTrigger } from '../core/project.js';
import { parseOrThrow } from '../core/validation.js';
import { checkSeveralDestinations } from '../integrations/several-destinations.js';
import type { ApiDeps } from './deps.js';

/** Checks every context and destination can actually be reached, naming the entry that cannot. */
export async function validateReachable(deps: ApiDeps, input: ProjectInput, projectId?: string): Promise<void> {
  const check = async (path: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      if (!isAppError(error)) throw error;
      const details = error.details.length
        ? error.details.map((d) => ({ ...d, path: `${path}.${d.path ?? ''}`.replace(/\.$/, '') }))
        : [{ path, message: error.message }];
      throw new AppError('invalid_request', `${path}: ${error.message}`, details);
    }
  };
  for (const [i, entry] of [...input.triggers, ...input.context].entries()) {
    const integrationId = (entry as { integrationId?: unknown }).integrationId;
    const path = i < input.triggers.length ? `triggers.${i}` : `context.${i - input.triggers.length}`;
    if (typeof integrationId === 'string') await check(path, () => requireIntegration(deps, integrationId, entry.type));
  }
  // A schedule's source is checked by its own provider now, as a manual run's would be; it is pinned at each fire.
  const asProject = { ...input, id: projectId ?? 'prj_new', createdAt: '', updatedAt: '' };
  for (const [i, trigger] of input.triggers.entries()) {
    if (trigger.type !== 'schedule') continue;
    const { source } = trigger as ScheduleTrigger;
    await check(`triggers.${i}.source`, async () => {
      try {
        const adapter = deps.integrations.source(source.type);
        await adapter.validateSource(parseOrThrow(adapter.sourceSchema, source, [], 'invalid_source'), asProject);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const details = error.details.map((d) => ({ ...d, path: d.path?.replace(/^source\.?/, '') }));
        throw new AppError(error.code, error.message, details);
      }
    });
  }
  for (const [i, context] of input.context.entries()) {
    const { source, contextProvider } = deps.integrations.adapters(context.type);
    await check(`context.${i}`, async () => {
      await source?.validateContext?.(context);
      await contextProvider?.validateEntry?.(context);
    });
  }
  checkSeveralDestinations(deps.integrations, input.destinations);
  for (const [i, destination] of input.destinations.entries()) {
    await check(`destinations.${i}`, () =>
      deps.integrations.destination(destination.type).validateDestination(destination),
    );
  }
  // One docs PR per run is what the limits count; several destinations would open one per destination.
  if (input.limits && input.destinations.length > 1)
    throw new AppError(
      'invalid_request',
      'limits: docs PR limits apply to projects with one destination; remove "limits" or keep one destination',
      [{ path: 'limits', message: 'needs exactly one destination' }],
    );
  if (input.limits && input.destinations.some((d) => !deps.integrations.destination(d.type).pullRequests)) {
    const d = input.destinations.find((entry) => !deps.integrations.destination(entry.type).pullRequests)!;
    throw new AppError(
      'invalid_request',
      `limits: ${d.type} destinations do not support docs PR limits (docflow cannot follow their pull requests); remove "limits"`,
      [{ path: 'limits', message: `not supported by ${d.type} destinations` }],
    );
  }
}

async function requireIntegration(deps: ApiDeps, id: string, provider: string): Promise<void> {
  const integration = await findIntegration(deps.db, id);
  if (!integration || integration.provider !== provider) {
    throw new AppError('invalid_request', `${provider} integration ${id} does not exist`, [
      { path: 'integrationId', message: 'unknown integration' },
    ]);
  }
}
