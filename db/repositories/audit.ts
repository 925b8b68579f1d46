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
