import { isAppError } from '../../core/errors.js';
import type { TypedConfig } from '../../core/typed-config.js';
import type { Catalog } from '../../integrations/catalog.js';
import { html } from '../html.js';
import type { WebCtx } from '../web-context.js';
import { age, errorList, layout, statusBadge } from './layout.js';

const fields = [
  { name: 'triggers', label: 'Triggers', hint: 'JSON array, e.g. [{"type": "manual"}]' },
  { name: 'context', label: 'Context', hint: 'JSON array of sources to read changes from' },
  {
    name: 'destinations',
    label: 'Destinations',
    hint: 'JSON array of docs destinations; several are published as one unit, one of each type',
  },
  { name: 'review', label: 'Review', hint: 'JSON object: required, expireAfter, autoPublishAbove' },
  { name: 'drafting', label: 'Drafting', hint: 'JSON object (optional): styleGuide' },
  { name: 'reviewers', label: 'Reviewers', hint: 'JSON object (optional): users and teams who may review' },
] as const;

/** A new project's form, filled with the first entries the providers offer as examples. */
function example(catalog: Catalog): FormValues {
  const first = (role: 'context' | 'destination') =>
    catalog.definitions.find((d) => d.examples?.[role])?.examples?.[role];
  const entries = (entry: unknown) => (entry ? JSON.stringify([entry]) : '[]');
  return {
    name: '',
    triggers: '[{ "type": "manual" }]',
    context: entries(first('context')),
    destinations: entries(first('destination')),
    review: '{ "required": true, "expireAfter": "14d" }',
    drafting: '',
    reviewers: '',
  };
}

type FormValues = Record<string, string>;
type FieldErrors = Record<string, string[]>;

export async function projectsPage(ctx: WebCtx): Promise<string> {
  const { projects } = await ctx.api.call(ctx, 'get', '/v1/projects');
  const canCreate = ctx.api.allowed(ctx.actor, 'post', '/v1/projects');
  return layout(
    'Projects',
    html`<h1>Projects</h1>
      ${canCreate ? html`<p><a href="/projects/new" class="button">New project</a></p>` : ''}
      ${
        projects.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Id</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                ${(projects as { id: string; name: string; destinations: { type: string }[]; updatedAt: string }[]).map(
                  (p) =>
                    html`<tr>
                      <td><a href="/projects/${p.id}">${p.name}</a></td>
                      <td><code>${p.id}</code></td>
                      <td>${p.destinations.map((d) => d.type).join(', ')}</td>
                      <td>${age(p.updatedAt)} ago</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>No projects yet.</p>`
      }`,
    ctx.viewer,
    '/projects',
  );
}

export async function projectPage(
  ctx: WebCtx,
  id: string,
  options: { errors?: string[]; source?: string; note?: string } = {},
): Promise<string> {
  const project = await ctx.api.call(ctx, 'get', '/v1/projects/:id', { params: { id } });
  const { runs } = await ctx.api.call(ctx, 'get', '/v1/runs', { query: { projectId: id, limit: '20' } });
  const canEdit = ctx.api.allowed(ctx.actor, 'put', '/v1/projects/:id');
  const canRun = ctx.api.allowed(ctx.actor, 'post', '/v1/projects/:id/runs');
  const { id: _id, createdAt: _c, updatedAt: _u, ...config } = project;
  // A source to start from: the first context whose provider offers one as an example.
  const contexts = project.context as TypedConfig[];
  const { catalog } = ctx.deps.integrations;
  const context = contexts.find((c) => catalog.find(c.type)?.examples?.source);
  const source =
    options.source ??
    JSON.stringify(
      context ? catalog.find(context.type)!.examples!.source!(context) : { type: contexts[0]?.type },
      null,
      2,
    );
  return layout(
    project.name,
    html`<p><a href="/projects">← Projects</a></p>
      <h1>${project.name}</h1>
      ${errorList(options.errors ?? [])}
      <p>
        <code>${project.id}</code>${canEdit ? html` · <a href="/projects/${project.id}/edit">Edit project</a>` : ''}
      </p>
      <h2>Configuration</h2>
      <pre class="config"><code>${JSON.stringify(config, null, 2)}</code></pre>
      ${
        canRun
          ? html`<h2>Start a manual run</h2>
              <form method="post" action="/projects/${project.id}/runs" class="stack">
                <input type="hidden" name="_csrf" value="${ctx.viewer.csrfToken}" />
                <label for="source">Source (JSON)</label>
                <textarea id="source" name="source" rows="7" aria-describedby="source-hint">${source}</textarea>
                <p class="hint" id="source-hint">Revisions are pinned to commit ids when the run starts.</p>
                <label for="note">Note (optional)</label>
                <input id="note" name="note" value="${options.note ?? ''}" />
                <button type="submit">Start run</button>
              </form>`
          : ''
      }
      <h2>Recent runs</h2>
      ${
        runs.length
          ? html`<ul>
              ${(runs as { id: string; status: string; createdAt: string }[]).map((r) => html`<li><a href="/runs/${r.id}">${r.id}</a> ${statusBadge(r.status)} <span class="muted">${age(r.createdAt)} ago</span></li>`)}
            </ul>`
          : html`<p>No runs yet.</p>`
      }`,
    ctx.viewer,
    '/projects',
  );
}

export function valuesOf(project: Record<string, unknown>): FormValues {
  const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));
  return {
    name: String(project.name ?? ''),
    ...Object.fromEntries(fields.map((f) => [f.name, json(project[f.name])])),
  };
}

export function projectForm(
  ctx: WebCtx,
  options: { id?: string; values: FormValues; errors?: FieldErrors; general?: string[] },
): string {
  const errors = options.errors ?? {};
  const fieldError = (name: string) =>
    errors[name]?.length
      ? html`<p class="field-error" id="${name}-error">
          ${errors[name]!.map((m, i) => html`${i ? html`<br />` : ''}${m}`)}
        </p>`
      : '';
  const described = (name: string, hint: boolean) =>
    [hint ? `${name}-hint` : '', errors[name]?.length ? `${name}-error` : ''].filter(Boolean).join(' ');
  const title = options.id ? 'Edit project' : 'New project';
  return layout(
    title,
    html`<p><a href="${options.id ? `/projects/${options.id}` : '/projects'}">← Back</a></p>
      <h1>${title}</h1>
      ${errorList([...(options.general ?? []), ...(Object.keys(errors).length ? ['Correct the fields marked below.'] : [])])}
      <form method="post" action="${options.id ? `/projects/${options.id}` : '/projects'}" class="stack" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.viewer.csrfToken}" />
        <label for="name">Name</label>
        ${fieldError('name')}
        <input
          id="name"
          name="name"
          value="${options.values.name ?? ''}"
          required${errors.name ? html` aria-invalid="true"` : ''}${described('name', false) ? html` aria-describedby="${described('name', false)}"` : ''}
        />
        ${fields.map(
          (f) =>
            html` <label for="${f.name}">${f.label}</label>
              <p class="hint" id="${f.name}-hint">${f.hint}</p>
              ${fieldError(f.name)}
              <textarea
                id="${f.name}"
                name="${f.name}"
                rows="5"
                spellcheck="false"
                aria-describedby="${described(f.name, true)}"
                ${errors[f.name] ? html` aria-invalid="true"` : ''}
              >
${options.values[f.name] ?? ''}</textarea>`,
        )}
        <button type="submit" class="primary">${options.id ? 'Save project' : 'Create project'}</button>
      </form>`,
    ctx.viewer,
    '/projects',
  );
}

export const newProjectValues = (catalog: Catalog): FormValues => example(catalog);

/** Parses the form into a project body; JSON that does not parse is an error next to its field. */
export function parseProjectForm(form: Record<string, unknown>): {
  values: FormValues;
  body?: Record<string, unknown>;
  errors: FieldErrors;
} {
  const values: FormValues = { name: String(form.name ?? '') };
  const errors: FieldErrors = {};
  const body: Record<string, unknown> = { name: values.name };
  for (const f of fields) {
    const text = String(form[f.name] ?? '');
    values[f.name] = text;
    if (!text.trim()) continue;
    try {
      body[f.name] = JSON.parse(text);
    } catch (error) {
      errors[f.name] = [`not valid JSON: ${(error as Error).message}`];
    }
  }
  return { values, errors, ...(Object.keys(errors).length ? {} : { body }) };
}

/** Validation details (`destinations.0.repo: …`) go next to their top-level field; the rest above the form. */
export function fieldErrorsOf(error: unknown): { errors: FieldErrors; general: string[] } {
  if (!isAppError(error)) throw error;
  if (error.code === 'forbidden' || error.code === 'unauthorized') throw error;
  const errors: FieldErrors = {};
  const general: string[] = [];
  const known = new Set(['name', ...fields.map((f) => f.name)]);
  for (const detail of error.details.length ? error.details : [{ path: undefined, message: error.message }]) {
    const [top, ...rest] = (detail.path ?? '').split('.');
    const where = rest.map((part) => (/^\d+$/.test(part) ? `entry ${Number(part) + 1}` : part)).join(' → ');
    if (top && known.has(top)) (errors[top] ??= []).push(`${where ? `${where}: ` : ''}${detail.message}`);
    else general.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  return { errors, general };
}
