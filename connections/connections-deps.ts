import type { Db } from '../db/database.js';
import type { Integrations } from '../integrations/integrations.js';
import type { OAuthClient } from '../integrations/kit/oauth/tokens.js';
import type { RunsService } from '../runs/runs-service.js';
import type { SecretBox } from '../secrets/secret-box.js';

export interface ConnectionsDeps {
  db: Db;
  secrets: SecretBox;
  integrations: Integrations;
  runs: RunsService;
  /** OAuth apps registered with providers, with docflow's callback URL (and a test/proxy base URL). */
  oauthClients: Record<string, (OAuthClient & { baseUrl?: string }) | undefined>;
}
