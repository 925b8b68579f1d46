import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { Logger } from 'pino';

/** `.js` when running compiled from dist/, `.ts` from the sources (tests, tsx): the workflows are bundled alike. */
const extension = path.extname(fileURLToPath(import.meta.url));
const workflowsPath = fileURLToPath(new URL(`../workflows/index${extension}`, import.meta.url));
const projectRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Bundles the workflow code with webpack (seconds); reused by workers and by replay tests. Workflow
 * interceptors (OpenTelemetry's, when tracing is on) are part of a bundle: a worker cannot add them later.
 */
export function bundleWorkflows(interceptorModules: string[] = []): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: interceptorModules,
    logger: quietBundlerLogger,
  });
}

const noop = () => {};
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/**
 * `bundleWorkflows` in a child process (workers/bundle-process), so webpack's few hundred MB are given back
 * when it is done instead of staying with the service for its lifetime.
 */
export async function bundleInChildProcess(
  interceptorModules: string[] = [],
  timeoutMs = 10 * 60_000,
): Promise<WorkflowBundle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docflow-bundle-'));
  try {
    const output = path.join(dir, 'workflows.js');
    const script = fileURLToPath(new URL(`./bundle-process${extension}`, import.meta.url));
    const child = spawn(
      process.execPath,
      [...(extension === '.ts' ? ['--import', 'tsx'] : []), script, output, ...interceptorModules],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    // A start that fails meanwhile exits the process: the bundler and its output go with it.
    const abandon = () => {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', abandon);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exit = await new Promise<string | number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve(signal ?? code ?? 'unknown'));
    }).finally(() => {
      clearTimeout(timer);
      process.off('exit', abandon);
    });
    if (exit !== 0)
      throw new Error(
        `bundling the workflows failed (child process ended with ${exit}): ${stderr.trim() || 'no output'}`,
      );
    return { code: fs.readFileSync(output, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bumped when the way bundles are made changes (bundler options), so older cached bundles are not used. */
const cacheFormat = 'docflow-workflow-bundle-1';

/**
 * The workflow bundle for this code version: read from `cacheDir` when a bundle of the same sources and
 * packages was built before, otherwise built, written there (atomically) and older ones removed. A cache
 * that cannot be written only costs the next start the bundling again.
 */
export async function cachedWorkflowBundle(
  cacheDir: string,
  logger?: Logger,
  bundle: (interceptorModules: string[]) => Promise<WorkflowBundle> = bundleInChildProcess,
  interceptorModules: string[] = [],
): Promise<WorkflowBundle & { cached: boolean }> {
  const key = workflowSourcesHash(workflowsPath, interceptorModules);
  const file = path.join(cacheDir, `workflow-bundle-${key}.js`);
  try {
    return { code: fs.readFileSync(file, 'utf8'), cached: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      logger?.warn({ err: error, file }, 'could not read the cached workflow bundle; bundling instead');
  }
  const started = Date.now();
  const built = await bundle(interceptorModules);
  try {
    fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, built.code, { mode: 0o600 });
    fs.renameSync(temporary, file);
    for (const old of fs.readdirSync(cacheDir))
      if (/^workflow-bundle-\w+\.js$/.test(old) && old !== path.basename(file))
        fs.rmSync(path.join(cacheDir, old), { force: true });
    logger?.info({ file, ms: Date.now() - started }, 'workflow bundle built and cached for this code version');
  } catch (error) {
    logger?.warn({ err: error, cacheDir }, 'could not cache the workflow bundle; the next start bundles again');
  }
  return { code: built.code, cached: false };
}

/**
 * A content hash of what goes into the bundle: every module the workflows load at run time (followed from
 * `workflows/index` through non-type imports and re-exports, plus all of `workflows/`), and the version
 * of every package they import (the Temporal SDK's among them); and the interceptor modules bundled with
 * them, with their packages' versions. From dist/ these are the compiled files.
 */
export function workflowSourcesHash(entry = workflowsPath, interceptorModules: string[] = []): string {
  const hash = createHash('sha256').update(cacheFormat);
  for (const module of interceptorModules)
    hash
      .update(`\0interceptor\0${path.relative(projectRoot, module)}\0${owningPackage(module)}\0`)
      .update(fs.readFileSync(module));
  const require = createRequire(entry);
  const files = new Set<string>(
    fs
      .readdirSync(path.dirname(entry))
      .filter((f) => /\.[cm]?[jt]s$/.test(f))
      .map((f) => path.join(path.dirname(entry), f)),
  );
  const packages = new Set<string>(['@temporalio/worker', '@temporalio/workflow']);
  const queue = [...files];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(
      /^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    )) {
      if (specifier!.startsWith('.')) {
        const source = path.extname(entry) === '.ts' ? specifier!.replace(/\.js$/, '.ts') : specifier!;
        const target = path.resolve(path.dirname(file), source);
        if (!files.has(target)) {
          files.add(target);
          queue.push(target);
        }
      } else if (!specifier!.startsWith('node:')) {
        packages.add(
          specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!,
        );
      }
    }
  }
  for (const file of [...files].sort())
    hash.update(`\0${path.relative(projectRoot, file)}\0`).update(fs.readFileSync(file));
  for (const name of [...packages].sort()) hash.update(`\0${name}@${packageVersion(require, name)}`);
  return hash.digest('hex').slice(0, 24);
}

/** A package's version, also when its `exports` hide `package.json`: found beside its resolved entry. */
function packageVersion(require: NodeJS.Require, name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === name) return parsed.version ?? 'unknown';
    }
    return 'unknown';
  }
}

/** `name@version` of the package a file belongs to (the nearest package.json above it). */
function owningPackage(file: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name) return `${parsed.name}@${parsed.version ?? 'unknown'}`;
  }
  return 'unknown';
}
