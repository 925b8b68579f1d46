import type { ApiKeyIdentity } from '../../db/repositories/api-keys.js';
import type { TypedConfig } from '../../core/typed-config.js';
import type { SourceAdapter } from '../../integrations/contract.js';
import type { Integrations } from '../../integrations/integrations.js';
import { hasRole } from '../../core/roles.js';
import { html, type Html } from '../html.js';

export interface Viewer {
  actor: ApiKeyIdentity;
  csrfToken: string;
}

const navItems = [
  { href: '/', label: 'Queue', role: 'reviewer' },
  { href: '/projects', label: 'Projects', role: 'reviewer' },
  { href: '/integrations', label: 'Integrations', role: 'admin' },
  { href: '/audit', label: 'Audit', role: 'admin' },
] as const;

/** Every page: a skip link, the navigation (what the role may open), the signed-in key and "Sign out". */
export function layout(title: string, body: Html, viewer?: Viewer, current = ''): string {
  const nav = viewer
    ? html`<nav aria-label="Main">
          <ul>
            ${navItems
              .filter((item) => hasRole(viewer.actor.role, item.role))
              .map(
                (item) =>
                  html`<li>
                    <a href="${item.href}" ${item.href === current ? html` aria-current="page"` : ''}>${item.label}</a>
                  </li>`,
              )}
          </ul>
        </nav>
        <form method="post" action="/logout" class="signout">
          <span>Signed in as <strong>${viewer.actor.name}</strong> (${viewer.actor.role})</span>
          <input type="hidden" name="_csrf" value="${viewer.csrfToken}" />
          <button type="submit">Sign out</button>
        </form>`
    : '';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${viewer ? html`<meta name="csrf-token" content="${viewer.csrfToken}" />` : ''}
        <title>${title} · docflow</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><a class="brand" href="/">docflow</a>${nav}</header>
        <main id="main" tabindex="-1">${body}</main>
      </body>
    </html>`.value;
}

export const age = (iso: string, now = Date.now()): string => {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
};

/** A run's source in one line as its provider describes it, linked where the provider has a page for it. */
export function sourceLabel(integrations: Integrations, source: TypedConfig): Html {
  let adapter: SourceAdapter<TypedConfig>;
  try {
    adapter = integrations.source(source.type);
  } catch {
    return html`${String(source.type)}`;
  }
  const url = adapter.sourceUrl?.(source);
  const label = adapter.describeSource(source);
  return url ? html`<a href="${url}">${label}</a>` : html`${label}`;
}

export const errorList = (errors: string[]): Html | '' =>
  errors.length
    ? html`<div class="errors" role="alert">
        <h2>There is a problem</h2>
        <ul>
          ${errors.map((e) => html`<li>${e}</li>`)}
        </ul>
      </div>`
    : '';

export const statusBadge = (status: string): Html =>
  html`<span class="status status-${status}">${status.replace(/_/g, ' ')}</span>`;
