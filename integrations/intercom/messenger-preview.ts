import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Article, PagePreview } from '../contract.js';
import type { IntercomClients } from './clients.js';
import type { IntercomArticlesDestination } from './schemas.js';

/** The operator's Intercom app id: the Messenger the run page opens articles in. Unset, no preview is offered. */
export const appIdVariable = 'DOCFLOW_INTERCOM_APP_ID';

/** What the run page must allow for the Messenger, only when it offers the preview (Intercom's CSP allowlist). */
const messengerCsp: Record<string, string[]> = {
  'script-src': ['https://widget.intercom.io', 'https://js.intercomcdn.com'],
  'connect-src': [
    'https://api-iam.intercom.io',
    'https://api-iam.eu.intercom.io',
    'https://api-iam.au.intercom.io',
    'https://api-ping.intercom.io',
    'https://*.intercom-messenger.com',
    'wss://*.intercom-messenger.com',
    'https://nexus-websocket-a.intercom.io',
    'wss://nexus-websocket-a.intercom.io',
    'https://nexus-websocket-b.intercom.io',
    'wss://nexus-websocket-b.intercom.io',
    'https://nexus-europe-websocket.intercom.io',
    'wss://nexus-europe-websocket.intercom.io',
    'https://nexus-australia-websocket.intercom.io',
    'wss://nexus-australia-websocket.intercom.io',
  ],
  'img-src': [
    'blob:',
    'https://js.intercomcdn.com',
    'https://static.intercomassets.com',
    'https://downloads.intercomcdn.com',
    'https://uploads.intercomusercontent.com',
  ],
  'font-src': ['https://js.intercomcdn.com', 'https://fonts.intercomcdn.com'],
  'media-src': ['https://js.intercomcdn.com'],
  'frame-src': ['https://intercom-sheets.com'],
  // The Messenger styles itself with inline styles.
  'style-src': ["'unsafe-inline'"],
};

/** The Messenger SDK's region names (`ap` for Australia). */
const sdkRegion = (region: string | undefined) => (region === 'eu' ? 'eu' : region === 'au' ? 'ap' : 'us');

/** "Preview in Messenger" for the live articles a run saved, when the operator set an app id. */
export function messengerPreview(clients: IntercomClients, env: Readonly<Record<string, string | undefined>>) {
  return async (d: IntercomArticlesDestination, live: Article[]): Promise<PagePreview | undefined> => {
    const appId = env[appIdVariable]?.trim();
    if (!appId || !live[0]) return undefined;
    const { settings } = await clients.workspace(d.integrationId);
    return {
      label: 'Preview in Messenger',
      provider: 'intercom',
      module: 'messenger-preview',
      payload: { appId, region: sdkRegion(settings.region), articleId: Number(live[0].id) },
      csp: messengerCsp,
    };
  };
}

let built: string | undefined;

/**
 * `@intercom/messenger-js-sdk` (published as CommonJS) as one browser ES module, served by docflow
 * itself: its three files in a tiny `require`, then a default export that boots the Messenger and
 * opens the article (`showArticle`). Nothing loads from Intercom until the button is pressed.
 */
export function messengerPreviewModule(): string {
  if (built) return built;
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@intercom/messenger-js-sdk'));
  const files = ['constants', 'instance-manager', 'index'].map(
    (name) =>
      `${JSON.stringify(`./${name}`)}: function (module, exports, require) {\n${fs.readFileSync(path.join(dist, `${name}.js`), 'utf8')}\n}`,
  );
  built = `// @intercom/messenger-js-sdk, wrapped for the browser by docflow.
const sources = {
${files.join(',\n')}
};
const cache = {};
function load(name) {
  if (cache[name]) return cache[name].exports;
  const module = { exports: {} };
  cache[name] = module;
  sources[name](module, module.exports, (dependency) => load(dependency));
  return module.exports;
}
const sdk = load('./index');

/** Boots the Messenger for the operator's app and opens the article. */
export default function preview(payload) {
  sdk.Intercom({ app_id: payload.appId, region: payload.region });
  sdk.showArticle(payload.articleId);
}
`;
  return built;
}
