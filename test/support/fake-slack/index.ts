import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { methods, missingArgument } from './methods.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered (besides `ok`). */
  result: Record<string, unknown>;
}

export interface FakeMessage {
  ts: string;
  user: string;
  text: string;
  thread_ts?: string;
  bot_id?: string;
}

export interface FakeSlack {
  /** Ends in `/api`, like `https://slack.com/api`. */
  url: string;
  token: string;
  botUserId: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** A message in a channel (a thread's first message has no `thread_ts`). */
  post(channel: string, message: FakeMessage): void;
  /** A `trigger_id` as Slack sends in an interaction; `views.open` refuses it 3 s later. */
  triggerId(): string;
  /** A user group (S…) and its members. */
  group(id: string, users: string[]): void;
  /** The next call to `method` answers 429 with this Retry-After (seconds). */
  limitNext(method: string, retryAfterSeconds: number): void;
  /** The next call to `method` answers this HTTP status (a 503, say) with no JSON. */
  failNext(method: string, status: number): void;
  /** From now on the bot token is refused with this error (`token_revoked`, `account_inactive`…), as Slack does after an uninstall. */
  revoke(error?: string): void;
  /** The token works again. */
  restore(): void;
  close(): Promise<void>;
}

const triggerLifetimeMs = 3000;

/**
 * A Slack Web API that refuses what Slack refuses: an unknown method, a missing required argument,
 * a bad or revoked token, a stale `trigger_id`; it rate-limits (429 with Retry-After) or fails (a 5xx)
 * on request and records every accepted call.
 */
export async function startFakeSlack(options: { token?: string; threadLimit?: number } = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-fake-0123456789-abcdef';
  const botUserId = 'UBOT0001';
  const calls: SlackCall[] = [];
  const channels = new Map<string, FakeMessage[]>();
  const triggers = new Map<string, number>();
  const limits = new Map<string, number>();
  const groups = new Map<string, string[]>();
  const failures = new Map<string, number>();
  let revoked: string | undefined;
  let sequence = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel ?? '');
    switch (method) {
      case 'auth.test':
        return { url: 'https://acme.slack.com/', team: 'Acme', team_id: 'T0001', user: 'docflow', user_id: botUserId };
      case 'chat.postMessage': {
        const ts = nextTs();
        const message: FakeMessage = { ts, user: botUserId, bot_id: 'B0001', text: String(args.text ?? '') };
        if (args.thread_ts) message.thread_ts = String(args.thread_ts);
        channels.set(channel, [...(channels.get(channel) ?? []), message]);
        return { channel, ts, message };
      }
      case 'chat.update':
        return { channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { message_ts: nextTs() };
      case 'chat.getPermalink':
        return {
          channel,
          permalink: `https://acme.slack.com/archives/${channel}/p${String(args.message_ts).replace('.', '')}`,
        };
      case 'usergroups.users.list':
        return { users: groups.get(String(args.usergroup)) ?? [] };
      case 'users.info':
        return { user: { id: args.user, name: `user-${String(args.user).toLowerCase()}`, real_name: 'Ada Lovelace' } };
      case 'views.open': {
        const issued = triggers.get(String(args.trigger_id));
        if (issued === undefined) throw new SlackRefusal('invalid_trigger_id');
        if (Date.now() - issued > triggerLifetimeMs) throw new SlackRefusal('expired_trigger_id');
        return { view: { id: `V${++sequence}` } };
      }
      case 'conversations.replies': {
        const ts = String(args.ts);
        const all = (channels.get(channel) ?? []).filter((m) => m.ts === ts || m.thread_ts === ts);
        if (!all.length) throw new SlackRefusal('thread_not_found');
        const limit = Math.min(Number(args.limit ?? 1000), options.threadLimit ?? 15);
        return { messages: all.slice(0, limit), has_more: all.length > limit };
      }
      default:
        throw new SlackRefusal('unknown_method');
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const [path, query = ''] = (req.url ?? '').replace(/^\/api\//, '').split('?');
      const method = path!;
      if (!['GET', 'POST'].includes(req.method ?? '') || !methods[method])
        return send(404, { ok: false, error: 'unknown_method' });
      const text = Buffer.concat(chunks).toString('utf8');
      // Slack takes arguments as a query string (GET), a form or JSON (POST).
      const args =
        req.method === 'GET'
          ? Object.fromEntries(new URLSearchParams(query))
          : (req.headers['content-type'] ?? '').includes('application/json')
            ? (JSON.parse(text || '{}') as Record<string, unknown>)
            : Object.fromEntries(new URLSearchParams(text));
      const given = req.headers.authorization?.replace(/^Bearer /, '') ?? args.token;
      if (!given) return send(200, { ok: false, error: 'not_authed' });
      if (given !== token) return send(200, { ok: false, error: 'invalid_auth' });
      if (revoked) return send(200, { ok: false, error: revoked });
      const failure = failures.get(method);
      if (failure !== undefined) {
        failures.delete(method);
        res.writeHead(failure, { 'content-type': 'text/html' });
        return res.end('<html><body>Service Unavailable</body></html>');
      }
      const retryAfter = limits.get(method);
      if (retryAfter !== undefined) {
        limits.delete(method);
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      const missing = missingArgument(method, args);
      if (missing)
        return send(200, {
          ok: false,
          error: 'invalid_arguments',
          response_metadata: { messages: [`missing ${missing}`] },
        });
      try {
        const result = answer(method, args);
        calls.push({ method, args, result });
        send(200, { ok: true, ...result });
      } catch (error) {
        if (!(error instanceof SlackRefusal)) throw error;
        send(200, { ok: false, error: error.message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    token,
    botUserId,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    post(channel, message) {
      channels.set(channel, [...(channels.get(channel) ?? []), message]);
    },
    triggerId() {
      const id = `${++sequence}.${Date.now()}.fake`;
      triggers.set(id, Date.now());
      return id;
    },
    group(id, users) {
      groups.set(id, users);
    },
    limitNext(method, retryAfterSeconds) {
      limits.set(method, retryAfterSeconds);
    },
    failNext(method, status) {
      failures.set(method, status);
    },
    revoke(error = 'token_revoked') {
      revoked = error;
    },
    restore() {
      revoked = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

class SlackRefusal extends Error {}
