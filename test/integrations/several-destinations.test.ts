import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { openDatabase, type Db } from '../../db/database.js';
import { createCatalog } from '../../integrations/catalog.js';
import { createIntegrations, type Integrations } from '../../integrations/integrations.js';
import { providers } from '../../integrations/registry.js';
import { checkSeveralDestinations } from '../../integrations/several-destinations.js';
import { providerDefaults } from '../support/provider-deps.js';
import { testSecretKey } from '../support/test-keys.js';
import { createSecretBox } from '../../secrets/secret-box.js';
import { folder } from '../support/toy-provider/index.js';

let db: Db;
let integrations: Integrations;

beforeAll(async () => {
  db = await openDatabase({});
  integrations = createIntegrations(
    {
      db,
      secrets: createSecretBox([testSecretKey]),
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
    },
    createCatalog([...providers, folder]),
  );
});
afterAll(() => db.destroy());

const refusal = (destinations: { type: string }[]) => {
  try {
    checkSeveralDestinations(integrations, destinations);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, details: error.details };
  }
};

describe('several destinations', () => {
  it('every built-in destination can undo a publish, so any of them can sit beside the others', () => {
    const types = providers.flatMap((p) => (p.schemas.destination ? [p.destinationType ?? p.provider] : []));
    expect(types).toEqual(
      expect.arrayContaining(['local-git', 'github', 'gitlab', 'bitbucket', 'intercom-articles', 'webflow-cms']),
    );
    for (const type of types) expect(integrations.destination(type).unpublish, type).toBeTypeOf('function');
  });

  it('accepts a git docs repository beside a help center (the issue’s example: GitLab and Intercom)', () => {
    expect(refusal([{ type: 'gitlab' }, { type: 'intercom-articles' }])).toBeUndefined();
    expect(refusal([{ type: 'bitbucket' }, { type: 'webflow-cms' }, { type: 'local-git' }])).toBeUndefined();
  });

  it('refuses a destination that cannot undo beside another, and a second help center, naming each', () => {
    expect(refusal([{ type: 'local-git' }, { type: 'folder' }])).toEqual({
      code: 'invalid_request',
      details: [
        {
          path: 'destinations.1',
          message: "folder cannot undo a publish, so it can only be a project's only destination",
        },
      ],
    });
    expect(refusal([{ type: 'intercom-articles' }, { type: 'webflow-cms' }])).toEqual({
      code: 'invalid_request',
      details: [
        {
          path: 'destinations.1',
          message: 'a project may have one help-center destination; destination 0 is one already',
        },
      ],
    });
    expect(refusal([{ type: 'folder' }])).toBeUndefined();
  });
});
