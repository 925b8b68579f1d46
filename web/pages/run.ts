import { mayReview } from '../../runs/review-run.js';
import type { TypedConfig } from '../../core/typed-config.js';
import type { Integrations } from '../../integrations/integrations.js';
import { AppError } from '../../core/errors.js';
import { isTerminal } from '../../core/run-status.js';
import type { PagePreview } from '../../integrations/contract.js';
import { contentSecurityPolicy } from '../csp.js';
import { diffLines } from '../diff.js';
import { html, raw, type Html } from '../html.js';
import { renderInlineMarkdown, renderMarkdown } from '../markdown.js';
import type { WebCtx } from '../web-context.js';
import { errorList, layout, sourceLabel, statusBadge } from './layout.js';

interface Citation {
  path: string;
  side: 'old' | 'new';
  startLine: number;
  endLine: number;
  excerpt: string;
  kind?: 'diff' | 'reference';
  url?: string;
}
interface Edit {
  path: string;
  before: string;
  after: string;
  rationale: string;
  citations: Citation[];
}

const notices: Record<string, string> = {
  approved: 'Approved: the run is publishing.',
  approved_edited: 'Approved with your edits: a new revision was recorded and is publishing.',
  rejected: 'Rejected.',
  changes_requested: 'Changes requested: a new draft is being written.',
  started: 'Run started.',
};

/** A citation links to what it cites (a reference's page, or its lines where the source's provider shows them); otherwise the excerpt stands alone. */
function citationView(c: Citation, source: TypedConfig, integrations: Integrations): Html {
  const lines = c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`;
  const where =
    c.kind === 'reference' ? 'referenced by the change' : c.side === 'new' ? 'after the change' : 'before the change';
  const label = `${c.path}, ${lines} (${where})`;
  let url: string | undefined = c.url;
  try {
    url ??= integrations.source(source.type).citationUrl?.(source, c);
  } catch {
    url = undefined;
  }
  const link = url ? html`<a href="${url}">${label}</a>` : html`${label}`;
  return html`<li>
    ${link}
    <pre><code>${c.excerpt}</code></pre>
  </li>`;
}

/** A link when `href` is a web address (a pull request, an article); a branch name stays text. */
const linkIfWeb = (href: string, label: Html | string): Html =>
  /^https?:\/\//.test(href) ? html`<a href="${href}">${label}</a>` : html`${label}`;

/** Where a published run went (linked when it is a web page) and, for a live help-center article, its public page. */
export function publishedView(
  result:
    { location?: string; url?: string; destinations?: { type: string; location: string; url?: string }[] } | undefined,
): Html {
  if (!result?.location) return html``;
  if (result.destinations)
    return html`<dt>Published to</dt>
      ${result.destinations.map(
        (d) =>
          html`<dd>
            ${d.type}:
            ${linkIfWeb(d.location, html`<code>${d.location}</code>`)}${
              d.url ? html` (public page ${linkIfWeb(d.url, d.url)})` : ''
            }
          </dd>`,
      )}`;
  return html`<dt>Published to</dt>
    <dd>${linkIfWeb(result.location, html`<code>${result.location}</code>`)}</dd>
    ${
      result.url
        ? html`<dt>Public page</dt>
            <dd>${linkIfWeb(result.url, result.url)}</dd>`
        : ''
    }`;
}

interface SuggestedReviewer {
  name: string;
  kind: 'user' | 'team';
  reasons: ('project' | 'author' | 'codeowners')[];
}

const reasonText = { project: 'project reviewer', author: 'author of the change', codeowners: 'CODEOWNERS' };

export function suggestedReviewersView(reviewers: SuggestedReviewer[] | undefined): Html {
  if (!reviewers) return html`<span class="muted">known once a draft is written</span>`;
  if (!reviewers.length) return html`none`;
  return html`<ul class="reviewers">
    ${reviewers.map(
      (r) =>
        html`<li>
          ${r.kind === 'team' ? 'team ' : ''}<strong>${r.name}</strong>
          <span class="muted">(${r.reasons.map((reason) => reasonText[reason]).join(', ')})</span>
        </li>`,
    )}
  </ul>`;
}

function diffView(edit: Edit, index: number): Html {
  const lines = diffLines(edit.before, edit.after);
  return html`<table class="diff" aria-describedby="edit-${index}-heading">
    <caption>
      Changes to ${edit.path}: removed lines marked −, added lines marked +
    </caption>
    <tbody>
      ${lines.map((l) =>
        l.kind === 'same'
          ? html`<tr class="same">
              <td class="sign" aria-hidden="true"></td>
              <td><code>${l.text}</code></td>
            </tr>`
          : l.kind === 'removed'
            ? html`<tr class="removed">
                <td class="sign">−</td>
                <td>
                  <del><span class="visually-hidden">removed: </span><code>${l.text}</code></del>
                </td>
              </tr>`
            : html`<tr class="added">
                <td class="sign">+</td>
                <td>
                  <ins><span class="visually-hidden">added: </span><code>${l.text}</code></ins>
                </td>
              </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * What a published run's destinations offer to preview its pages (a help-center widget), if any; the
 * page's CSP then allows what that preview loads, on this page only. A failing preview is left out.
 */
async function previewsOf(ctx: WebCtx, destinations: TypedConfig[], runId: string): Promise<PagePreview[]> {
  const previews: PagePreview[] = [];
  for (const destination of destinations) {
    try {
      const preview = await ctx.deps.integrations.destination(destination.type).preview?.(destination, runId);
      if (preview) previews.push(preview);
    } catch (error) {
      ctx.deps.logger.warn({ err: error, runId, destination: destination.type }, 'page preview unavailable');
    }
  }
  return previews;
}

function previewView(previews: PagePreview[]): Html | '' {
  if (!previews.length) return '';
  return html`<h2>Preview</h2>
    <p class="hint">Opens the published page in its help center's own viewer; it loads that viewer on this page.</p>
    <div class="actions">
      ${previews.map(
        (p) =>
          html`<button
            type="button"
            data-preview-module="/assets/providers/${encodeURIComponent(p.provider)}/${encodeURIComponent(p.module)}.js"
            data-preview-payload="${JSON.stringify(p.payload)}"
          >
            ${p.label}
          </button>`,
      )}
    </div>`;
}

export async function runPage(
  ctx: WebCtx,
  id: string,
  options: { errors?: string[]; edited?: Record<number, string>; notice?: string } = {},
): Promise<string> {
  const run = await ctx.api.call(ctx, 'get', '/v1/runs/:id', { params: { id } });
  const project = await ctx.api
    .call(ctx, 'get', '/v1/projects/:id', { params: { id: run.projectId } })
    .catch(() => undefined);
  const suggestion = run.suggestion as
    | undefined
    | {
        id: string;
        revision: number;
        drafter: string;
        summary: string;
        edits: Edit[];
        impacted: { path: string; score: number; reasons: string[] }[];
        feedback: string[];
        confidence?: number;
        usage?: { inputTokens: number; outputTokens: number; calls: number };
        destinations?: { position: number; type: string; edits: number[] }[];
      };
  // Only who may decide sees the buttons (the API refuses anyone else the same way).
  const reviewing =
    run.status === 'awaiting_review' &&
    ctx.api.allowed(ctx.actor, 'post', '/v1/runs/:id/approve') &&
    (!project || mayReview(ctx.actor, project));
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.viewer.csrfToken}" />`;
  const notice = options.notice && notices[options.notice];
  const previews =
    run.status === 'published' && project ? await previewsOf(ctx, project.destinations as TypedConfig[], run.id) : [];
  if (previews.length)
    ctx.res.set(
      'content-security-policy',
      contentSecurityPolicy(
        Object.fromEntries(
          [...new Set(previews.flatMap((p) => Object.keys(p.csp)))].map((d) => [
            d,
            previews.flatMap((p) => p.csp[d] ?? []),
          ]),
        ),
      ),
    );

  const edits = suggestion?.edits.map(
    (edit, i) =>
      html`<section class="edit" aria-labelledby="edit-${i}-heading">
        <h3 id="edit-${i}-heading">Edit ${i + 1}: ${edit.path}</h3>
        <p>${raw(renderInlineMarkdown(edit.rationale))}</p>
        <div class="side-by-side">
          <div>${diffView(edit, i)}</div>
          <div class="preview">
            <h4>Preview of the proposed text</h4>
            ${
              /\.(ya?ml|json|[cm]?[jt]s)$/i.test(edit.path)
                ? html`<pre><code>${edit.after}</code></pre>`
                : html`<div class="markdown">${raw(renderMarkdown(edit.after))}</div>`
            }
          </div>
        </div>
        ${
          edit.citations.length
            ? html`<h4>Citations</h4>
                <ul class="citations">
                  ${edit.citations.map((c) => citationView(c, run.source, ctx.deps.integrations))}
                </ul>`
            : ''
        }
        ${
          reviewing
            ? html`<details${options.edited?.[i] !== undefined ? html` open` : ''}><summary>Edit proposed text</summary>
          <label for="after-${i}">Proposed text for ${edit.path} (edit ${i + 1})</label>
          <textarea id="after-${i}" name="after.${i}" form="approve-form" rows="${Math.min(30, edit.after.split('\n').length + 2)}" spellcheck="true">
${options.edited?.[i] ?? edit.after}</textarea>
          <p class="hint">Approve publishes your text instead; it must still apply to the page.</p>
        </details>`
            : ''
        }
      </section>`,
  );

  const body = html` <p><a href="/">← Queue</a></p>
    <h1>Run ${run.id} ${statusBadge(run.status)}</h1>
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''} ${errorList(options.errors ?? [])}
    <dl class="facts">
      <dt>Project</dt>
      <dd><a href="/projects/${run.projectId}">${project?.name ?? run.projectId}</a></dd>
      <dt>Source</dt>
      <dd>${sourceLabel(ctx.deps.integrations, run.source)}</dd>
      <dt>Reviewers</dt>
      <dd>
        ${project?.reviewers ? [...project.reviewers.users, ...project.reviewers.teams.map((t: string) => `team ${t}`)].join(', ') : 'any key with the reviewer role'}
      </dd>
      <dt>Suggested reviewers</dt>
      <dd>${suggestedReviewersView(run.suggestedReviewers)}</dd>
      ${
        run.note
          ? html`<dt>Note</dt>
              <dd>${run.note}</dd>`
          : ''
      }
      <dt>Started</dt>
      <dd>
        <time datetime="${run.createdAt}"
          >${new Date(run.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time
        >
      </dd>
      ${
        run.reason
          ? html`<dt>Reason</dt>
              <dd>${run.reason}${run.message ? html`: ${run.message}` : ''}</dd>`
          : run.message
            ? html`<dt>Message</dt>
                <dd>${run.message}</dd>`
            : ''
      }
      ${publishedView(run.result)}
      ${
        suggestion?.confidence !== undefined
          ? html`<dt>Confidence</dt>
              <dd>${suggestion.confidence.toFixed(2)}</dd>`
          : ''
      }
      ${
        suggestion
          ? html`<dt>Draft</dt>
              <dd>revision ${suggestion.revision} by ${suggestion.drafter}</dd>`
          : ''
      }
      ${
        run.usage
          ? html`<dt>Token usage</dt>
              <dd>${run.usage.inputTokens} in, ${run.usage.outputTokens} out, ${run.usage.calls} call(s)</dd>`
          : html`<dt>Token usage</dt>
              <dd>none (no model calls)</dd>`
      }
      ${
        run.links?.temporalUi
          ? html`<dt>Temporal</dt>
              <dd><a href="${run.links.temporalUi}">Open in the Temporal Web UI</a></dd>`
          : ''
      }
    </dl>
    ${!isTerminal(run.status) && run.status !== 'awaiting_review' ? html`<p class="muted" data-watch="/runs/${run.id}/status" data-status="${run.status}" role="status">The run is ${run.status.replace(/_/g, ' ')}; this page reloads when it changes.</p>` : ''}
    ${
      suggestion
        ? html`<h2>Summary</h2>
            <div class="summary markdown">${raw(renderMarkdown(suggestion.summary))}</div>
            ${
              suggestion.feedback.length
                ? html`<h2>Feedback given</h2>
                    <ul>
                      ${suggestion.feedback.map((f) => html`<li>${f}</li>`)}
                    </ul>`
                : ''
            }
            <h2>Impacted pages</h2>
            ${
              suggestion.impacted.length
                ? html`<ul class="impacted">
                    ${suggestion.impacted.map(
                      (p) =>
                        html`<li>
                          <code>${p.path}</code> <span class="muted">(score ${p.score.toFixed(2)})</span>${
                            p.reasons.length
                              ? html`<ul>
                                  ${p.reasons.map((r) => html`<li>${raw(renderInlineMarkdown(r))}</li>`)}
                                </ul>`
                              : ''
                          }
                        </li>`,
                    )}
                  </ul>`
                : html`<p>None recorded.</p>`
            }
            <h2>Edits</h2>
            ${
              suggestion.destinations && edits
                ? suggestion.destinations.map(
                    (d) =>
                      html`<section class="destination" aria-labelledby="destination-${d.position}-heading">
                        <h3 id="destination-${d.position}-heading">
                          Destination ${d.position} (${d.type})
                          <span class="muted">(${d.edits.length} edit${d.edits.length === 1 ? '' : 's'})</span>
                        </h3>
                        ${d.edits.map((i) => edits[i])}
                      </section>`,
                  )
                : (edits ?? '')
            }`
        : html`<p>No draft yet.</p>`
    }
    ${
      reviewing && suggestion
        ? html`<h2>Review</h2>
            <div class="actions">
              <form id="approve-form" method="post" action="/runs/${run.id}/approve">
                ${csrf}<input type="hidden" name="suggestionId" value="${suggestion.id}" />
                <button type="submit" class="primary">Approve</button>
              </form>
              <form method="post" action="/runs/${run.id}/reject">
                ${csrf}
                <label for="reason">Reason for rejecting</label>
                <textarea id="reason" name="reason" rows="2" required></textarea>
                <button type="submit">Reject</button>
              </form>
              <form method="post" action="/runs/${run.id}/request-changes">
                ${csrf}
                <label for="feedback">Feedback for a new draft</label>
                <textarea id="feedback" name="feedback" rows="2" required></textarea>
                <button type="submit">Request changes</button>
              </form>
            </div>`
        : ''
    }
    ${previewView(previews)}
    <h2>Timeline</h2>
    <ol class="timeline">
      ${(run.timeline as { status: string; at: string; detail?: unknown }[]).map((t) => html`<li><time datetime="${t.at}">${t.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time> ${t.status.replace(/_/g, ' ')}</li>`)}
    </ol>`;
  return layout(`Run ${run.id}`, body, ctx.viewer, '/');
}

/** Form fields `after.N` that differ from the draft's text, as API edits. */
export function editedTexts(form: Record<string, unknown>, edits: Edit[]): { index: number; after: string }[] {
  const changed: { index: number; after: string }[] = [];
  for (const [key, value] of Object.entries(form)) {
    const match = /^after\.(\d+)$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const index = Number(match[1]);
    const text = value.replace(/\r\n/g, '\n');
    if (!edits[index]) throw new AppError('invalid_request', `edit ${index + 1} does not exist`);
    if (text !== edits[index]!.after) changed.push({ index, after: text });
  }
  return changed;
}
