import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../../temporal/dev-server.js';
import { findTemporalCli } from '../../temporal/find-cli.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { freePort } from '../support/free-port.js';
import { flagChangeFixture } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { launchChromium, screenshotDir } from './browser.js';

/** `binary/encrypted` in base64, as the UI shows an encrypted payload's metadata. */
const encryptedEncoding = Buffer.from('binary/encrypted').toString('base64');

let devServer: DevServer;
let harness: Harness;
let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  // A dev server of this file's own: its Web UI decodes through this file's docflow, as `npm start` sets it up.
  const [apiPort, uiPort] = [await freePort(), await freePort()];
  devServer = await startDevServer({
    cliPath: findTemporalCli(process.env.TEMPORAL_CLI_PATH),
    port: await freePort(),
    uiPort,
    namespace: 'default',
    codecEndpoint: `http://127.0.0.1:${apiPort}/codec`,
  });
  harness = await createHarness({ temporalAddress: devServer.address });
  await harness.startWorker();
  api = await startTestApi(harness, { temporalUiUrl: devServer.uiUrl }, { port: apiPort });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await harness?.close();
  await devServer?.stop();
});

/** Opens the Web UI's page of a run; the first answer of docflow's codec, and the page's text once it matches `shown`. */
async function openRunInUi(page: Page, runId: string, shown: RegExp): Promise<{ codecStatus: number; text: string }> {
  const codecAnswer = page.waitForResponse((r) => r.url() === `${api.url}/codec/decode`);
  await page.goto(`${devServer.uiUrl}/namespaces/default/workflows/${runId}`);
  const codecStatus = (await codecAnswer).status();
  const text = await eventually(async () => {
    const body = await page.locator('body').innerText();
    return /\bInput\b/.test(body) && shown.test(body) ? body : undefined;
  }, `the Web UI to show ${runId}'s input as ${shown}`);
  return { codecStatus, text };
}

describe('the Temporal Web UI decodes run data for people signed in to docflow', () => {
  it(
    "shows a signed-in reviewer the run's input, and a signed-out visitor only ciphertext",
    { timeout: 120_000 },
    async () => {
      const fixture = flagChangeFixture();
      const project = await api.call('POST', '/v1/projects', {
        name: 'ui codec',
        context: [{ type: 'local-git', repo: fixture.source }],
        destinations: [{ type: 'local-git', repo: fixture.docs, baseBranch: 'main' }],
      });
      const run = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
        source: { type: 'local-git', repo: fixture.source, base: fixture.base, head: fixture.head },
      });
      const runId = run.body.id as string;
      await eventually(
        async () => ((await api.call('GET', `/v1/runs/${runId}`)).body.status === 'awaiting_review' ? true : undefined),
        'awaiting_review',
      );
      const shots = screenshotDir();

      const signedIn = await browser.newContext();
      const page = await signedIn.newPage();
      await page.goto(`${api.url}/login`);
      await page.getByLabel('API key').fill(api.key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Review queue' }).waitFor();
      const decoded = await openRunInUi(page, runId, /"runId"/);
      expect(decoded.codecStatus).toBe(200);
      await page.screenshot({ path: path.join(shots, 'temporal-ui-signed-in.png'), fullPage: true });
      expect(decoded.text).toContain(`"projectId": "${project.body.id}"`);
      expect(decoded.text).toContain(fixture.source);

      const anonymous = await browser.newContext();
      const other = await anonymous.newPage();
      // The UI asks the codec all the same, is refused (401), and shows the payload as stored: encrypted.
      const ciphertext = await openRunInUi(other, runId, new RegExp(encryptedEncoding));
      expect(ciphertext.codecStatus).toBe(401);
      await other.screenshot({ path: path.join(shots, 'temporal-ui-signed-out.png'), fullPage: true });
      expect(ciphertext.text).not.toContain(project.body.id);
      expect(ciphertext.text).not.toContain(fixture.source);
      await signedIn.close();
      await anonymous.close();
    },
  );
});
