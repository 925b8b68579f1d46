import type { Db } from '../database.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  requestId?: string;
  sourceIp?: string;
  outcome: 'success' | 'failure';
}

export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      request_id: entry.requestId ?? null,
      source_ip: entry.sourceIp ?? null,
      outcome: entry.outcome,
    })
    .execute();
}

export interface AuditFilter {
  since?: Date;
  actor?: string;
  action?: string;
  limit: number;
  /** Keyset pagination: entries after this id. */
  afterId?: number;
}

export async function listAudit(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.since) query = query.where('at', '>=', filter.since);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  const rows = await query.orderBy('id').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    requestId: r.request_id,
    sourceIp: r.source_ip,
  }));
}
