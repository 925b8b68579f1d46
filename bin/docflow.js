#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so the package needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main, UsageError } = await import('../cli/main.ts');
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
