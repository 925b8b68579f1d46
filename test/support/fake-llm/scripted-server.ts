import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to the next request. */
export type Step =
  | { answer: unknown }
  | { status: number; headers?: Record<string, string>; body: unknown }
  | { delayMs: number; then: Step };

export interface RecordedCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface ScriptedServer {
  url: string;
  calls: RecordedCall[];
  /** Problems with requests the real provider would reject; tests assert it stays empty. */
  violations: string[];
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server that answers one provider's endpoint from a script. `check` lists what is
 * wrong with a request (per the provider's API reference); `render` wraps an answer in the
 * provider's response shape.
 */
export async function startScriptedServer(options: {
  path: string;
  check: (headers: http.IncomingHttpHeaders, body: any) => string[];
  render: (answer: unknown, body: any) => unknown;
}): Promise<ScriptedServer> {
  const steps: Step[] = [];
  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      calls.push({ path: req.url ?? '', headers: req.headers, body });
      const problems =
        req.method !== 'POST' || req.url !== options.path
          ? [`unexpected ${req.method} ${req.url}`]
          : body === undefined
            ? ['body is not JSON']
            : options.check(req.headers, body);
      if (problems.length) {
        violations.push(...problems);
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: problems.join('; ') } }));
        return;
      }
      let step = steps.shift();
      while (step && 'delayMs' in step) {
        await new Promise((resolve) => setTimeout(resolve, (step as { delayMs: number }).delayMs));
        if (res.destroyed || req.destroyed) return;
        step = step.then;
      }
      if (!step) {
        violations.push('no scripted answer left');
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"script exhausted"}}');
      } else if ('status' in step) {
        res
          .writeHead(step.status, { 'content-type': 'application/json', ...step.headers })
          .end(JSON.stringify(step.body));
      } else {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(options.render(step.answer, body)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    violations,
    script: (...more) => steps.push(...more),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
