// Pages load only their own script and styles; nothing inline, nothing from elsewhere.
const base: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};

/** Sources a CSP source list may hold: schemes, hosts (with `*.` and ports) and the quoted keywords a preview may need. */
const allowedSource = /^(?:'unsafe-inline'|[a-z][a-z0-9+.-]*:|(?:https?|wss?):\/\/(?:\*\.)?[a-z0-9.-]+(?::\d+)?)$/i;

/**
 * The review app's Content-Security-Policy, with `extra` sources added for one page (a destination's
 * preview); directives it does not name fall back to `default-src 'self'` as before. Never loosens
 * `frame-ancestors`, `base-uri`, `object-src` or `form-action`.
 */
export function contentSecurityPolicy(extra: Record<string, string[]> = {}): string {
  const directives = Object.fromEntries(Object.entries(base).map(([name, sources]) => [name, [...sources]]));
  for (const [name, sources] of Object.entries(extra)) {
    if (!/^[a-z-]+-src$/.test(name) || name === 'object-src') continue;
    const list = (directives[name] ??= ["'self'"]);
    for (const source of sources) if (allowedSource.test(source) && !list.includes(source)) list.push(source);
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
