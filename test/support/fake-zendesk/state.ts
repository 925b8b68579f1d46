export interface FakeUser {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent';
}

export interface FakeComment {
  id: number;
  author_id: number;
  body: string;
  public: boolean;
  created_at: string;
}

export interface FakeTicket {
  id: number;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  tags: string[];
  brand_id: number;
  requester_id: number;
  updated_at: string;
  comments: FakeComment[];
}

export interface FakeZendeskState {
  users: FakeUser[];
  tickets: FakeTicket[];
  /** `email/token:apiToken` pairs and OAuth bearer tokens the fake accepts. */
  apiTokens: Map<string, string>;
  bearerTokens: Set<string>;
  /** The next responses to give instead of the real answer (rate limits, crashes), by path prefix. */
  injected: { pathPrefix: string; status: number; headers: Record<string, string> }[];
}

export const newState = (): FakeZendeskState => ({
  users: [],
  tickets: [],
  apiTokens: new Map(),
  bearerTokens: new Set(),
  injected: [],
});

/** Opaque to clients, as Zendesk's are: the position after the last ticket returned. */
export const encodeCursor = (position: { t: number; id: number }) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodeCursor(cursor: string): { t: number; id: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    return typeof value.t === 'number' && typeof value.id === 'number' ? { t: value.t, id: value.id } : undefined;
  } catch {
    return undefined;
  }
}
