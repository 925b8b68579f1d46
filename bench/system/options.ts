import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../core/duration.js';

export interface BenchOptions {
  /** Runs awaiting review when memory and reads are measured (the goal is stated at 10,000). */
  waiting: number;
  /** Manual runs started at once for the throughput and event-loop figures. */
  burst: number;
  /** Webhook deliveries (and raw starts) per ingest measurement. */
  deliveries: number;
  /** Requests per read measurement. */
  reads: number;
  /** Approvals timed from approve to published. */
  approvals: number;
  soakMs: number;
  /** PostgreSQL server for the PostgreSQL figures; `off` skips them. */
  postgres: string;
  out: string;
  /** The docflow checkout to measure (another one gives the "before" of a change); this one by default. */
  checkout: string;
}

const usage = `npm run bench -- [--waiting 200] [--burst 60] [--deliveries 200] [--reads 200] [--approvals 20]
                    [--soak 2m] [--postgres postgres://postgres@127.0.0.1:5432/postgres | off] [--out docs/benchmarks.md]
                    [--checkout <another docflow checkout to measure>]`;

/** The bench's sizes; the defaults finish in well under 15 minutes on 2 cores. */
export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      waiting: { type: 'string', default: '200' },
      burst: { type: 'string', default: '60' },
      deliveries: { type: 'string', default: '200' },
      reads: { type: 'string', default: '200' },
      approvals: { type: 'string', default: '20' },
      soak: { type: 'string', default: '2m' },
      postgres: {
        type: 'string',
        default: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      checkout: { type: 'string', default: path.resolve(import.meta.dirname, '../..') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const count = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}\n${usage}`);
    return n;
  };
  const soakMs = parseDuration(values.soak!);
  if (soakMs === undefined || soakMs < 10_000)
    throw new Error(`--soak must be a duration of at least 10s (30s, 10m)\n${usage}`);
  const options = {
    waiting: count('waiting', 1),
    burst: count('burst', 1),
    deliveries: count('deliveries', 10),
    reads: count('reads', 10),
    approvals: count('approvals', 1),
    soakMs,
    postgres: values.postgres!,
    out: values.out!,
    checkout: path.resolve(values.checkout!),
  };
  if (options.approvals + options.burst > options.waiting + options.burst)
    throw new Error(`--approvals must not exceed --waiting\n${usage}`);
  return options;
}
