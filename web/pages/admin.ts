import { listAudit } from '../../db/repositories/audit.js';
import { html } from '../html.js';
import type { WebCtx } from '../web-context.js';
import { errorList, layout } from './layout.js';

interface IntegrationView {
  id: string;
  provider: string;
  status: string;
  baseUrl: string;
  auth?: string;
  statusDetail?: string;
  checkedAt?: string;
  webhookUrl: string;
  createdAt: string;
}

/** How to reconnect a broken connection: the provider's own advice, else the OAuth flow. */
const reconnect = (ctx: WebCtx, i: IntegrationView) => {
  const hint = ctx.deps.integrations.catalog.find(i.provider)?.reconnectHint;
  return hint
    ? html`${hint} (<code>DELETE /v1/integrations/${i.id}</code>)`
    : html`Connect again through <code>/v1/integrations/${i.provider}/connect</code> (OAuth), which stores fresh tokens.`;
};

export async function integrationsPage(ctx: WebCtx): Promise<string> {
  const { integrations } = await ctx.api.call<{ integrations: IntegrationView[] }>(ctx, 'get', '/v1/integrations');
  return layout(
    'Integrations',
    html`<h1>Integrations</h1>
      ${
        integrations.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last health check</th>
                  <th scope="col">Webhook URL</th>
                </tr>
              </thead>
              <tbody>
                ${integrations.map(
                  (i) =>
                    html`<tr>
                      <td><code>${i.id}</code></td>
                      <td>
                        ${i.provider}${i.auth ? html` (${i.auth})` : ''}<br /><span class="muted">${i.baseUrl}</span>
                      </td>
                      <td>
                        <span class="status status-${i.status}">${i.status}</span
                        >${i.statusDetail ? html`<br />${i.statusDetail}` : ''}${i.status === 'broken' ? html`<p class="hint">${reconnect(ctx, i)}</p>` : ''}
                      </td>
                      <td>${i.checkedAt ? html`<time datetime="${i.checkedAt}">${i.checkedAt}</time>` : 'not yet'}</td>
                      <td><code>${i.webhookUrl}</code></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>
              No integrations are connected. Sources and destinations on this machine need none; see the README to
              connect a provider.
            </p>`
      }`,
    ctx.viewer,
    '/integrations',
  );
}

export interface AuditFilterForm {
  actor: string;
  action: string;
  target: string;
  since: string;
}

export function auditQuery(query: Record<string, unknown>): AuditFilterForm {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  return { actor: text('actor'), action: text('action'), target: text('target'), since: text('since') };
}

/** The API's own query for the filter (the target is matched here: the API has no target filter). */
export function apiAuditQuery(filter: AuditFilterForm, extra: Record<string, string> = {}) {
  const since = filter.since ? new Date(filter.since) : undefined;
  return {
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(since && !Number.isNaN(since.getTime())
      ? { since: since.toISOString() }
      : filter.since
        ? { since: filter.since }
        : {}),
    ...extra,
  };
}

export async function auditPage(ctx: WebCtx, query: Record<string, unknown>): Promise<string> {
  const filter = auditQuery(query);
  let entries: {
    id: number;
    at: string;
    actor: string;
    action: string;
    target: string | null;
    outcome: string;
    requestId: string | null;
    sourceIp: string | null;
  }[] = [];
  const errors: string[] = [];
  const shown = 200;
  const keep = (page: typeof entries) => {
    entries = [...entries, ...(filter.target ? page.filter((e) => e.target?.includes(filter.target)) : page)].slice(
      -shown,
    );
  };
  try {
    // The API's route checks the role and the query and gives the oldest entries; the newest are read on from there.
    const query = apiAuditQuery(filter, { limit: '1000' });
    let page: typeof entries = (await ctx.api.call(ctx, 'get', '/v1/audit', { query })).entries;
    keep(page);
    while (page.length === 1000) {
      page = await listAudit(ctx.deps.db, {
        since: query.since ? new Date(query.since) : undefined,
        actor: query.actor,
        action: query.action,
        limit: 1000,
        afterId: page.at(-1)!.id,
      });
      keep(page);
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'invalid_request') throw error;
    errors.push((error as Error).message);
  }
  entries = entries.reverse();
  const exportQuery = new URLSearchParams(apiAuditQuery(filter));
  const field = (name: keyof AuditFilterForm, label: string, type = 'text') =>
    html`<div>
      <label for="audit-${name}">${label}</label
      ><input id="audit-${name}" name="${name}" type="${type}" value="${filter[name]}" />
    </div>`;
  return layout(
    'Audit log',
    html`<h1>Audit log</h1>
      ${errorList(errors)}
      <form method="get" action="/audit" class="filters">
        ${field('actor', 'Actor (key id)')}${field('action', 'Action')}${field('target', 'Target contains')}${field('since', 'Since', 'datetime-local')}
        <button type="submit">Filter</button>
      </form>
      <p>
        <a href="/audit/export?${exportQuery.toString()}" download="docflow-audit.ndjson">Export NDJSON</a> (every
        matching entry, oldest first)
      </p>
      <table class="audit">
        <caption class="visually-hidden">
          Audit entries, newest first (at most 200)
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          ${
            entries.length
              ? entries.map(
                  (e) =>
                    html`<tr>
                      <td><time datetime="${e.at}">${e.at}</time></td>
                      <td><code>${e.actor}</code></td>
                      <td>${e.action}</td>
                      <td>${e.target ?? ''}</td>
                      <td>${e.outcome}</td>
                      <td>${e.sourceIp ?? ''}</td>
                    </tr>`,
                )
              : html`<tr>
                  <td colspan="6">No entries.</td>
                </tr>`
          }
        </tbody>
      </table>`,
    ctx.viewer,
    '/audit',
  );
}
