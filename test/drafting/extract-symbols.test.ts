import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../drafting/diff/parse-unified-diff.js';
import { extractSymbols } from '../../drafting/offline/extract-symbols.js';
import { scanLine } from '../../drafting/offline/scan-line.js';

const kinds = (line: string): string[] => scanLine(line).map((s) => `${s.kind}:${s.name}`);

describe('scanLine', () => {
  it('finds flags with their short alias and usage, only inside strings', () => {
    expect(scanLine("  .option('-p, --port <n>', 'Port to listen on', 8080)")).toEqual([
      { kind: 'flag', name: '--port', alias: '-p', usage: '-p, --port <n>' },
    ]);
    expect(kinds('  if (--remaining === 0) stop()')).toEqual([]);
    expect(kinds('  // pass --port-range here')).toEqual([]);
  });

  it('finds env vars, routes and exports', () => {
    expect(kinds('const level = process.env.LOG_LEVEL ?? env["LOG_FORMAT"]')).toEqual([
      'env:LOG_LEVEL',
      'env:LOG_FORMAT',
    ]);
    expect(kinds('const { API_KEY, API_URL: url } = process.env')).toEqual(['env:API_KEY', 'env:API_URL']);
    expect(kinds("router.post('/v1/users/:id', handler)")).toEqual(['route:/v1/users/:id']);
    expect(scanLine("app.del('/v1/x', h)")[0]).toMatchObject({ kind: 'route', method: 'DELETE' });
    expect(kinds('export async function createClient(opts) {')).toContain('export:createClient');
    expect(kinds('export class HttpError extends Error {')).toContain('export:HttpError');
    expect(kinds('module.exports.startServer = startServer')).toContain('export:startServer');
    expect(kinds('exports.stopServer = () => {}')).toContain('export:stopServer');
    expect(kinds('export { alpha, beta as gamma }')).toEqual(['export:alpha', 'export:gamma']);
  });

  it('finds object keys and camelCase / snake_case identifiers', () => {
    expect(kinds('  retryCount: 3,')).toEqual(['key:retryCount']);
    expect(kinds('  retryDelay?: number')).toEqual(['key:retryDelay']);
    expect(kinds("  'max-size': 10,")).toEqual(['key:max-size']);
    expect(kinds('    default: 1')).toEqual([]);
    expect(kinds('  const total = computeTotal(max_items)')).toEqual([
      'identifier:computeTotal',
      'identifier:max_items',
    ]);
  });
});

const DIFF = `diff --git a/src/cli.ts b/src/cli.ts
--- a/src/cli.ts
+++ b/src/cli.ts
@@ -1,6 +1,7 @@
 program
   .option('--port <n>', 'Port')
-  .option('--verbose', 'Log more')
+  .option('--loud', 'Log more')
+  .option('--timeout <ms>', 'Timeout')
-  .option('--color', 'Colors')
   .option('--host <h>', 'Host')
 const token = process.env.API_TOKEN
-const debug = process.env.DEBUG_HTTP === '1' ? createLogger() : null
+const retries = Number(process.env.HTTP_RETRIES ?? 3) + (process.env.API_TOKEN ? 1 : 0)
`;

describe('extractSymbols', () => {
  const { changed } = extractSymbols(parseUnifiedDiff(DIFF));
  const find = (name: string) => changed.find((s) => s.name === name);

  it('classifies added, removed and renamed symbols', () => {
    expect(find('--timeout')).toMatchObject({ kind: 'flag', change: 'added' });
    expect(find('--timeout')?.occurrences[0]).toMatchObject({
      path: 'src/cli.ts',
      side: 'new',
      line: 4,
      usage: '--timeout <ms>',
    });
    expect(find('--color')).toMatchObject({ kind: 'flag', change: 'removed' });
    expect(find('--color')?.occurrences[0]).toMatchObject({ side: 'old', line: 4 });
    expect(find('--loud')).toMatchObject({ kind: 'flag', change: 'renamed', previousName: '--verbose' });
    expect(find('--verbose')).toBeUndefined();
  });

  it('does not pair lines that are not alike, and ignores names still present', () => {
    // DEBUG_HTTP and HTTP_RETRIES sit on paired lines, but the lines differ: removed + added, not renamed.
    expect(find('DEBUG_HTTP')).toMatchObject({ change: 'removed' });
    expect(find('HTTP_RETRIES')).toMatchObject({ change: 'added' });
    expect(find('API_TOKEN')).toBeUndefined();
    expect(find('--port')).toBeUndefined();
    expect(find('--host')).toBeUndefined();
  });

  it('treats a name found in the head file outside the diff as unchanged', () => {
    const contents = new Map([
      [
        'src/cli.ts',
        "program\n  .option('--port <n>', 'Port')\n  .option('--loud', 'Log more')\n  .option('--timeout <ms>', 'Timeout')\n  .option('--host <h>', 'Host')\nconst token = process.env.API_TOKEN\nconst retries = Number(process.env.HTTP_RETRIES ?? 3) + (process.env.API_TOKEN ? 1 : 0)\n// --color is gone\n",
      ],
    ]);
    const result = extractSymbols(parseUnifiedDiff(DIFF), contents);
    expect(result.changed.find((s) => s.name === '--color')).toBeUndefined();
    expect(result.all.some((o) => o.lineKind === 'file' && o.name === '--host')).toBe(true);
  });
});
