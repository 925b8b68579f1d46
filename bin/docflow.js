#!/usr/bin/env node
// Runs the CLI compiled to dist/ by `npm run build` (`npm ci` and `npm start` build it).
import fs from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(compiled)) {
  process.stderr.write(
    `docflow is not built (no ${compiled.pathname}): run \`npm run build\` in ${new URL('..', import.meta.url).pathname}\n`,
  );
  process.exit(1);
}
const { main, UsageError } = await import(compiled.href);
try {
  const result = await main(process.argv.slice(2));
  // Text results (lines) print as they are; API answers print as JSON.
  const text =
    typeof result === 'string'
      ? result
      : Array.isArray(result) && result.every((line) => typeof line === 'string')
        ? result.join('\n')
        : JSON.stringify(result, null, 2);
  process.stdout.write(`${text}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
