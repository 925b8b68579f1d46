import os from 'node:os';

/** The provider dependencies a test does not care about: no OAuth apps, no provider variables, development defaults. */
export const providerDefaults = { oauthClients: {}, env: {}, dataDir: os.tmpdir(), production: false };
