import type { Db } from '../../db/database.js';
import { appendAudit } from '../../db/repositories/audit.js';
import { recordHealth } from '../../db/repositories/integrations.js';

/** A connection's health changed: what the operators are told. */
export interface HealthChange {
  provider: string;
  status: 'broken' | 'recovered';
  detail?: string;
  reconnectHint?: string;
}

/**
 * Records what a health check found; a change of status (and only a change) is audited and reported,
 * so a connection that stays broken is not reported again at every check.
 */
export async function recordHealthChange(
  db: Db,
  connection: { id: string; provider: string },
  found: { status: 'connected' | 'broken'; detail?: string; reconnectHint?: string },
  onChange?: (change: HealthChange) => Promise<void>,
): Promise<boolean> {
  if (!(await recordHealth(db, connection.id, found.status, found.detail ?? null))) return false;
  const broken = found.status === 'broken';
  await appendAudit(db, {
    actor: 'docflow-health-check',
    action: broken ? 'integration.broken' : 'integration.recovered',
    target: connection.id,
    outcome: broken ? 'failure' : 'success',
  });
  await onChange?.({
    provider: connection.provider,
    status: broken ? 'broken' : 'recovered',
    ...(broken && found.detail ? { detail: found.detail } : {}),
    ...(broken && found.reconnectHint ? { reconnectHint: found.reconnectHint } : {}),
  });
  return true;
}
