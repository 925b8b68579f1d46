// After the suite: the log every test's API and integrations wrote must hold none of the secrets the tests used,
// nor the personal data their support tickets and chat threads carried.
import fs from 'node:fs';

const [logFile] = process.argv.slice(2);
const read = (name) => JSON.parse(fs.readFileSync(new URL(`../test/support/${name}`, import.meta.url), 'utf8'));
const secrets = [...read('known-secrets.json'), ...read('known-personal-data.json')];
const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
const lines = log.split('\n').filter(Boolean).length;
const leaked = secrets.filter((secret) => log.includes(secret));
if (lines === 0) {
  console.error(`secret check: ${logFile} is empty; the suite wrote no logs to check`);
  process.exit(1);
}
if (leaked.length) {
  console.error(
    `secret check: ${leaked.length} test secret(s) or personal data appear in the suite's logs (${lines} lines): ${leaked.map((s) => s.slice(0, 4) + '…').join(', ')}`,
  );
  process.exit(1);
}
console.log(`secret check: none of ${secrets.length} test secrets or personal data in ${lines} log lines`);
