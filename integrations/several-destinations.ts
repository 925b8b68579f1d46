import { AppError, type ErrorDetail } from '../core/errors.js';
import type { TypedConfig } from '../core/typed-config.js';
import type { Integrations } from './integrations.js';

/**
 * A project with several destinations publishes one suggestion to all of them as a unit: each must be able
 * to undo its publish when another fails (`DestinationAdapter.unpublish`), and at most one may be a help
 * center (a run keeps one record of the articles it saved). Throws AppError(`invalid_request`) naming each
 * destination that cannot take part; a single destination needs neither.
 */
export function checkSeveralDestinations(integrations: Integrations, destinations: TypedConfig[]): void {
  if (destinations.length < 2) return;
  const details: ErrorDetail[] = [];
  const helpCenters: number[] = [];
  for (const [i, destination] of destinations.entries()) {
    if (!integrations.destination(destination.type).unpublish)
      details.push({
        path: `destinations.${i}`,
        message: `${destination.type} cannot undo a publish, so it can only be a project's only destination`,
      });
    const provider = integrations.catalog.definitions.find(
      (d) => (d.destinationType ?? d.provider) === destination.type,
    )?.provider;
    if (provider && integrations.adapters(provider).articleDestination) helpCenters.push(i);
  }
  for (const i of helpCenters.slice(1))
    details.push({
      path: `destinations.${i}`,
      message: `a project may have one help-center destination; destination ${helpCenters[0]} is one already`,
    });
  if (details.length)
    throw new AppError(
      'invalid_request',
      `invalid destinations: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
}
