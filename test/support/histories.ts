import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTemporalCli } from '../../temporal/find-cli.js';

export const historiesDir = fileURLToPath(new URL('../workflows/histories/', import.meta.url));

/**
 * With RECORD_HISTORIES=1, saves a finished run's event history (as `temporal workflow show -o json`
 * prints it) for the replay test. Committed histories make any non-deterministic workflow change fail CI.
 */
export function recordHistory(address: string, name: string, workflowId: string): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
  const json = execFileSync(
    cli,
    ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'],
    { encoding: 'utf8' },
  );
  fs.mkdirSync(historiesDir, { recursive: true });
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), json);
}
