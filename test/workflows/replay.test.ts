import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { historiesDir } from '../support/histories.js';
import { sharedBundle } from '../support/harness.js';
import { testDataConverter } from '../support/test-keys.js';

const files = fs.existsSync(historiesDir)
  ? fs
      .readdirSync(historiesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

describe('replaying recorded doc-update histories', () => {
  it('has recorded histories to replay (refresh them with RECORD_HISTORIES=1 npm test)', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')));
    await Worker.runReplayHistory(
      { workflowBundle: await sharedBundle(), dataConverter: testDataConverter },
      history,
      file,
    );
  });
});
