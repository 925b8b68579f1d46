import { html } from '../html.js';
import { errorList, layout } from './layout.js';

export function loginPage(csrfToken: string, options: { error?: string; next?: string } = {}): string {
  return layout(
    'Sign in',
    html`<h1>Sign in to docflow</h1>
      ${errorList(options.error ? [options.error] : [])}
      <form method="post" action="/login" class="stack narrow">
        <input type="hidden" name="_csrf" value="${csrfToken}" />
        ${options.next ? html`<input type="hidden" name="next" value="${options.next}" />` : ''}
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="key"
          type="password"
          autocomplete="current-password"
          required
          autofocus
          aria-describedby="api-key-hint"
          spellcheck="false"
        />
        <p class="hint" id="api-key-hint">
          The key printed by <code>npm start</code>, or one from <code>POST /v1/keys</code>. You act with its role; the
          key is not stored in the browser.
        </p>
        <button type="submit" class="primary">Sign in</button>
      </form>`,
  );
}

export function errorPage(status: number, message: string, viewer?: Parameters<typeof layout>[2]): string {
  const title =
    status === 403
      ? 'Not allowed'
      : status === 404
        ? 'Not found'
        : status === 409
          ? 'Conflict'
          : status >= 500
            ? 'Something went wrong'
            : 'Cannot do that';
  return layout(
    title,
    html`<h1>${title}</h1>
      <p role="alert">${message}</p>
      <p><a href="/">Back to the queue</a></p>`,
    viewer,
  );
}
