import { runStatuses } from '../../core/run-status.js';
import { html, type Html } from '../html.js';
import type { WebCtx } from '../web-context.js';
import { age, layout, sourceLabel, statusBadge } from './layout.js';

export interface QueueFilter {
  status: string;
  projectId: string;
}

export function queueFilter(query: Record<string, unknown>): QueueFilter {
  const status =
    typeof query.status === 'string' &&
    (query.status === 'all' || (runStatuses as readonly string[]).includes(query.status))
      ? query.status
      : 'awaiting_review';
  const projectId = typeof query.projectId === 'string' ? query.projectId : '';
  return { status, projectId };
}

/** The rows of the queue (also served alone, for the page's live refresh). */
export async function queueRows(ctx: WebCtx, filter: QueueFilter): Promise<Html> {
  const { projects } = await ctx.api.call<{ projects: { id: string; name: string }[] }>(ctx, 'get', '/v1/projects');
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const { runs } = await ctx.api.call<{ runs: { id: string }[] }>(ctx, 'get', '/v1/runs', {
    query: {
      limit: '50',
      ...(filter.status !== 'all' ? { status: filter.status } : {}),
      ...(filter.projectId ? { projectId: filter.projectId } : {}),
    },
  });
  const detailed = await Promise.all(
    runs.map((run) => ctx.api.call(ctx, 'get', '/v1/runs/:id', { params: { id: run.id } })),
  );
  if (!detailed.length)
    return html`<tr>
      <td colspan="7">No runs ${filter.status === 'all' ? '' : html`are ${filter.status.replace(/_/g, ' ')}`}.</td>
    </tr>`;
  return html`${detailed.map((run) => {
    const pages = run.suggestion
      ? new Set((run.suggestion.edits as { path: string }[]).map((e) => e.path)).size
      : undefined;
    return html`<tr>
      <td><a href="/runs/${run.id}">${run.id}</a></td>
      <td>${names.get(run.projectId) ?? run.projectId}</td>
      <td>
        ${sourceLabel(ctx.deps.integrations, run.source)}${run.note ? html`<br /><span class="muted">${run.note}</span>` : ''}
      </td>
      <td><time datetime="${run.createdAt}">${age(run.createdAt)}</time></td>
      <td>${run.suggestion?.confidence !== undefined ? Number(run.suggestion.confidence).toFixed(2) : '—'}</td>
      <td>${pages ?? '—'}</td>
      <td>${statusBadge(run.status)}</td>
    </tr>`;
  })}`;
}

export async function queuePage(ctx: WebCtx, query: Record<string, unknown>): Promise<string> {
  const filter = queueFilter(query);
  const { projects } = await ctx.api.call<{ projects: { id: string; name: string }[] }>(ctx, 'get', '/v1/projects');
  const rows = await queueRows(ctx, filter);
  const statusOptions = ['awaiting_review', 'all', ...runStatuses.filter((s) => s !== 'awaiting_review')];
  const params = new URLSearchParams({
    status: filter.status,
    ...(filter.projectId ? { projectId: filter.projectId } : {}),
  });
  return layout(
    'Review queue',
    html`<h1>Review queue</h1>
      <form method="get" action="/" class="filters">
        <label for="status">Status</label>
        <select id="status" name="status">
          ${statusOptions.map((s) => html`<option value="${s}" ${s === filter.status ? html` selected` : ''}>${s === 'all' ? 'all statuses' : s.replace(/_/g, ' ')}</option>`)}
        </select>
        <label for="projectId">Project</label>
        <select id="projectId" name="projectId">
          <option value="">all projects</option>
          ${projects.map((p) => html`<option value="${p.id}" ${p.id === filter.projectId ? html` selected` : ''}>${p.name}</option>`)}
        </select>
        <button type="submit">Filter</button>
      </form>
      <p class="muted" id="live-note">Newest first. This list refreshes every few seconds.</p>
      <table class="queue">
        <caption class="visually-hidden">
          Runs, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Project</th>
            <th scope="col">Source</th>
            <th scope="col">Age</th>
            <th scope="col">Confidence</th>
            <th scope="col">Pages</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody data-live="/queue/rows?${params.toString()}" aria-live="polite">
          ${rows}
        </tbody>
      </table>`,
    ctx.viewer,
    '/',
  );
}
