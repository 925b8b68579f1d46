import type { ProviderDefinition } from './contract.js';
import { bitbucket } from './bitbucket/index.js';
import { docsAudit } from './docs-audit/index.js';
import { github } from './github/index.js';
import { gitlab } from './gitlab/index.js';
import { intercom } from './intercom/index.js';
import { linear } from './linear/index.js';
import { localGit } from './local-git/index.js';
import { slack } from './slack/index.js';
import { webflow } from './webflow/index.js';
import { zendesk } from './zendesk/index.js';

/** Every provider docflow knows: adding one is a folder and a line here. Everything else derives from this list. */
export const providers: readonly ProviderDefinition[] = [
  localGit,
  github,
  slack,
  zendesk,
  linear,
  intercom,
  webflow,
  bitbucket,
  gitlab,
  docsAudit,
];
