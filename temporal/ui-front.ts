import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UiFront {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the dev server's Web UI (running at `target`) on `host:port`, unchanged except for one answer:
 * the UI's settings say to send credentials (docflow's session cookie) to the codec endpoint. The UI
 * server has that setting (`codec.includeCredentials`), but `temporal server start-dev` has no flag for it.
 */
export async function startUiFront(options: { target: string; host: string; port: number }): Promise<UiFront> {
  const target = new URL(options.target);
  const server = http.createServer((req, res) => {
    const settings = req.method === 'GET' && req.url?.split('?')[0] === '/api/v1/settings';
    const headers = { ...req.headers, host: target.host };
    // The settings answer is rewritten, so it is asked for uncompressed.
    if (settings) delete headers['accept-encoding'];
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        if (!settings || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = withCredentials(Buffer.concat(chunks).toString('utf8'));
          const { 'content-length': _length, ...rest } = answer.headers;
          res.writeHead(200, { ...rest, 'content-length': Buffer.byteLength(body) });
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the Temporal dev server UI is not answering');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withCredentials(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Codec?: Record<string, unknown> };
    if (parsed.Codec?.Endpoint) parsed.Codec.IncludeCredentials = true;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}
