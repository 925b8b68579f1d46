import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/git-repos.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `scripts/setup.sh` with only `bin` (and the basic system tools) on PATH, in a fresh cache. */
function setup(env: Record<string, string>, bin: string) {
  const child = spawn('bash', ['scripts/setup.sh'], {
    cwd: root,
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: tempDir(), XDG_CACHE_HOME: path.join(tempDir(), 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** A `go` that takes `seconds` to "build" and writes a `temporal` into $GOBIN, recording that it ran. */
function fakeGo(seconds: number): { bin: string; ran: string } {
  const bin = tempDir();
  const ran = path.join(bin, 'go-ran');
  fs.writeFileSync(
    path.join(bin, 'go'),
    `#!/bin/bash\necho "go $*" >> "${ran}"\nsleep ${seconds}\nprintf '#!/bin/sh\\necho temporal\\n' > "$GOBIN/temporal"\nchmod +x "$GOBIN/temporal"\n`,
    { mode: 0o755 },
  );
  return { bin, ran };
}

describe('scripts/setup.sh (npm start runs it first)', () => {
  it('with TEMPORAL_ADDRESS set, neither builds nor downloads the Temporal CLI', async () => {
    const go = fakeGo(0);
    const result = await setup({ TEMPORAL_ADDRESS: 'temporal.internal:7233' }, go.bin);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS=temporal.internal:7233');
    expect(fs.existsSync(go.ran)).toBe(false);
  });

  it('on a new machine, says the build takes minutes and shows it is still going', { timeout: 30_000 }, async () => {
    const go = fakeGo(3);
    const cacheHome = path.join(tempDir(), 'cache');
    const result = await setup({ XDG_CACHE_HOME: cacheHome, DOCFLOW_SETUP_PROGRESS_SECONDS: '1' }, go.bin);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/building the Temporal CLI .* takes a few minutes/s);
    expect(result.stderr).toMatch(/set TEMPORAL_ADDRESS/);
    expect(result.stderr).toMatch(/… still building the Temporal CLI \(\d+ s so far\)/);
    expect(result.stderr).toMatch(/built the Temporal CLI in \d+ s/);
    expect(fs.readFileSync(go.ran, 'utf8')).toContain('install github.com/temporalio/cli/cmd/temporal@');
    expect(fs.existsSync(path.join(cacheHome, 'docflow', 'bin', 'temporal'))).toBe(true);

    // The second start finds it and says nothing.
    const again = await setup({ XDG_CACHE_HOME: cacheHome }, go.bin);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(fs.readFileSync(go.ran, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
