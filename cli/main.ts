/**
 * `docflow` — a thin client of the HTTP API (DOCFLOW_URL, DOCFLOW_API_KEY).
 *   docflow projects list | create --file project.json
 *   docflow run --project ID (--source JSON | a provider's flags, e.g. --repo PATH --base REV --head REV) [--note TEXT]
 *   docflow runs list [--project ID] [--status S] | show ID
 *   docflow approve ID | reject ID --reason TEXT | request-changes ID --feedback TEXT
 *   docflow backfill --project ID --since 30d [--dry-run|--start] [--max N] [--json]
 *                  (what the project's triggers would have done with the window's changes; --start starts up to --max runs)
 *   docflow impact --diff FILE --docs DIR [--message FILE] [--top N] [--json]   (local files only)
 *   docflow audit --code DIR --docs DIR [--json]                                  (local files only)
 *   docflow audit --project ID [--repo PATH] [--ref REV] [--note TEXT]            (a run, through the API)
 *   docflow replay --project ID --since 7d --config new.json [--json]
 *   docflow keys rotate                                                          (database, not the API)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from './api-client.js';

// Each command loads what it uses when it runs (`keys rotate` pulls in the database and the configuration,
// `impact` the ranking): `docflow --help` and the API commands load neither.

const usage = `usage:
  docflow projects list
  docflow projects create --file project.json
  docflow run --project ID --source JSON [--note TEXT]
  docflow run --project ID --repo PATH --base REV --head REV [--note TEXT]   (a local git source)
  docflow runs list [--project ID] [--status STATUS]
  docflow runs show RUN_ID
  docflow approve RUN_ID
  docflow reject RUN_ID --reason TEXT
  docflow request-changes RUN_ID --feedback TEXT
  docflow backfill --project ID --since 30d [--dry-run|--start] [--max N] [--json]
                 (what the project's triggers would have done with the window's changes; --start starts up to --max runs)
  docflow replay --project ID --since 7d --config new.json [--json]
                 (the kept webhook deliveries planned against new.json, beside what they did then; changes nothing)
  docflow impact --diff FILE --docs DIR [--message FILE] [--top N] [--json]
  docflow audit --code DIR --docs DIR [--json]   (pages naming flags, env vars, routes… the code no longer has)
  docflow audit --project ID [--repo PATH] [--ref REV] [--note TEXT]   (the same as a run of the project)
  docflow keys rotate            (re-wrap stored secrets under DOCFLOW_SECRET_KEY; runs against the database)
environment: DOCFLOW_URL (default http://localhost:3000), DOCFLOW_API_KEY`;

const options = {
  file: { type: 'string' },
  project: { type: 'string' },
  source: { type: 'string' },
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  ref: { type: 'string' },
  note: { type: 'string' },
  status: { type: 'string' },
  reason: { type: 'string' },
  feedback: { type: 'string' },
  diff: { type: 'string' },
  code: { type: 'string' },
  docs: { type: 'string' },
  message: { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  since: { type: 'string' },
  max: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  start: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const [command, sub, extra] = positionals;
  if (values.help || !command) throw new UsageError(usage);
  const api = new ApiClient(env.DOCFLOW_URL ?? 'http://localhost:3000', env.DOCFLOW_API_KEY);
  const need = (name: keyof typeof values) => {
    const value = values[name];
    if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required\n\n${usage}`);
    return value;
  };
  const runId = (id: string | undefined) =>
    id ??
    (() => {
      throw new UsageError(`a run id is required\n\n${usage}`);
    })();

  switch (
    `${command} ${command === 'run' || ['approve', 'reject', 'request-changes', 'backfill', 'replay'].includes(command) ? '' : (sub ?? '')}`.trim()
  ) {
    case 'projects list':
      return api.call('GET', '/v1/projects');
    case 'projects create':
      return api.call('POST', '/v1/projects', JSON.parse(fs.readFileSync(need('file'), 'utf8')));
    case 'run':
      return api.call('POST', `/v1/projects/${encodeURIComponent(need('project'))}/runs`, {
        source: values.source ? JSON.parse(values.source) : await sourceFromFlags(values as Record<string, unknown>),
        ...(values.note ? { note: values.note } : {}),
      });
    case 'runs list': {
      const query = new URLSearchParams({
        ...(values.project ? { projectId: values.project } : {}),
        ...(values.status ? { status: values.status } : {}),
      });
      return api.call('GET', `/v1/runs?${query}`);
    }
    case 'runs show':
      return api.call('GET', `/v1/runs/${encodeURIComponent(runId(extra))}`);
    case 'approve':
      return api.call('POST', `/v1/runs/${encodeURIComponent(runId(sub))}/approve`, {});
    case 'reject':
      return api.call('POST', `/v1/runs/${encodeURIComponent(runId(sub))}/reject`, { reason: need('reason') });
    case 'request-changes':
      return api.call('POST', `/v1/runs/${encodeURIComponent(runId(sub))}/request-changes`, {
        feedback: need('feedback'),
      });
    case 'backfill':
      if (values['dry-run'] && values.start) throw new UsageError(`give --dry-run or --start, not both\n\n${usage}`);
      return (await import('./backfill.js')).backfillCommand(api, {
        project: need('project'),
        since: need('since'),
        start: values.start === true,
        ...(values.max !== undefined ? { max: values.max } : {}),
        json: values.json,
      });
    case 'replay':
      return (await import('./replay.js')).replayCommand(api, {
        project: need('project'),
        since: need('since'),
        config: need('config'),
        json: values.json,
      });
    // Local commands load only their own modules.
    case 'keys rotate':
      return (await import('./keys-rotate.js')).keysRotateCommand(env);
    case 'impact':
      return (await import('./impact.js')).impactCommand({
        diff: need('diff'),
        docs: need('docs'),
        message: values.message,
        top: values.top,
        json: values.json,
      });
    case 'audit':
      if (values.project)
        return api.call('POST', `/v1/projects/${encodeURIComponent(values.project)}/audit`, {
          ...(values.repo ? { repo: path.resolve(values.repo) } : {}),
          ...(values.ref ? { ref: values.ref } : {}),
          ...(values.note ? { note: values.note } : {}),
        });
      return (await import('./audit.js')).auditCommand(
        { code: need('code'), docs: need('docs'), json: values.json },
        (message) => {
          throw new UsageError(message);
        },
      );
    default:
      throw new UsageError(`unknown command "${positionals.join(' ')}"\n\n${usage}`);
  }
}

export class UsageError extends Error {}

/** A source described by one provider's flags (`--repo --base --head`); the registry says whose. */
async function sourceFromFlags(values: Record<string, unknown>): Promise<unknown> {
  const { providers } = await import('../integrations/registry.js');
  const given = Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const match = providers.find((p) => p.cliSource?.flags.every((flag) => given[flag]));
  if (!match?.cliSource) throw new UsageError(`give --source JSON, or a provider's source flags\n\n${usage}`);
  return match.cliSource.source(given);
}
