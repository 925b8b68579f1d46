import { createHash } from 'node:crypto';

/** A conversation as a test describes it. */
export interface ConversationFixture {
  id: string;
  /** Unix seconds. */
  updatedAt: number;
  state?: 'open' | 'closed' | 'snoozed';
  title?: string | null;
  tags?: string[];
  contact: { name: string; email: string; type?: 'user' | 'lead' };
  admin?: { name: string; email: string };
  /**
   * Oldest first; the first opens the conversation (its `source`). Bodies are text with `code` spans, served as
   * HTML; `note` parts are internal notes, `assignment` parts have no body shown to the customer.
   */
  messages: { from: 'contact' | 'admin' | 'bot'; body: string; type?: 'comment' | 'note' | 'close' | 'assignment' }[];
}

interface Person {
  type: 'user' | 'lead' | 'admin' | 'bot';
  id: string;
  name: string;
  email: string;
}

interface StoredConversation {
  fixture: ConversationFixture;
  /** Order of creation: the search answers newest first, not by `updated_at`. */
  order: number;
  contact: Person;
  admin: Person;
}

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${status} ${code}`);
  }
}

const invalid = (description: string) => new Refusal(400, 'parameter_invalid', description);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Text as Intercom stores a message: HTML paragraphs, `code` spans as `<code>`. */
const html = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');

/** The fields of the conversation search, by type (a subset of Intercom's list). */
const fields: Record<string, 'timestamp' | 'state' | 'id' | 'boolean' | 'string'> = {
  id: 'id',
  created_at: 'timestamp',
  updated_at: 'timestamp',
  state: 'state',
  open: 'boolean',
  read: 'boolean',
  title: 'string',
  'source.body': 'string',
  'source.type': 'string',
  waiting_since: 'timestamp',
  snoozed_until: 'timestamp',
  'statistics.last_close_at': 'timestamp',
};
const operatorsFor: Record<string, string[]> = {
  timestamp: ['=', '!=', '>', '<'],
  state: ['=', '!=', 'IN', 'NIN'],
  id: ['=', '!=', 'IN', 'NIN'],
  boolean: ['=', '!='],
  string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
};

/** Conversations of the workspace: the conversation search and retrieval as Intercom answers them. */
export class ConversationStore {
  private conversations = new Map<string, StoredConversation>();
  private people = new Map<string, Person>();
  private created = 0;
  private partIds = 7_000_000;

  private person(type: Person['type'], who: { name: string; email: string }): Person {
    const key = `${type}:${who.email}`;
    let found = this.people.get(key);
    if (!found) {
      const id =
        type === 'admin' ? String(5_300_000 + this.people.size) : `65f0${(4096 + this.people.size).toString(16)}`;
      found = { type, id, ...who };
      this.people.set(key, found);
    }
    return found;
  }

  add(fixture: ConversationFixture): void {
    const contact = this.person(fixture.contact.type ?? 'user', fixture.contact);
    const admin = this.person('admin', fixture.admin ?? { name: 'Support Teammate', email: 'support@acme.test' });
    const previous = this.conversations.get(fixture.id);
    this.conversations.set(fixture.id, { fixture, order: previous?.order ?? ++this.created, contact, admin });
  }

  private author(c: StoredConversation, from: 'contact' | 'admin' | 'bot') {
    const who =
      from === 'contact' ? c.contact : from === 'admin' ? c.admin : { type: 'bot', id: '1', name: 'Fin', email: '' };
    return { type: who.type, id: who.id, name: who.name, email: who.email };
  }

  private show(c: StoredConversation, withParts: boolean) {
    const f = c.fixture;
    const [first, ...rest] = f.messages;
    const state = f.state ?? 'closed';
    const createdAt = f.updatedAt - 3600;
    return {
      type: 'conversation',
      id: f.id,
      title: f.title ?? null,
      created_at: createdAt,
      updated_at: f.updatedAt,
      waiting_since: null,
      snoozed_until: null,
      open: state === 'open',
      state,
      read: true,
      priority: 'not_priority',
      admin_assignee_id: Number(c.admin.id),
      team_assignee_id: null,
      tags: {
        type: 'tag.list',
        tags: (f.tags ?? []).map((name, i) => ({ type: 'tag', id: String(100 + i), name, applied_at: createdAt })),
      },
      source: {
        type: 'conversation',
        id: `${f.id}0`,
        delivered_as: first?.from === 'contact' ? 'customer_initiated' : 'admin_initiated',
        subject: '',
        body: first ? html(first.body) : '',
        author: this.author(c, first?.from ?? 'contact'),
        attachments: [],
        url: null,
        redacted: false,
      },
      contacts: {
        type: 'contact.list',
        contacts: [{ type: 'contact', id: c.contact.id, external_id: `ext-${c.contact.id}` }],
      },
      teammates: { type: 'admin.list', admins: [{ type: 'admin', id: c.admin.id }] },
      ...(withParts
        ? {
            conversation_parts: {
              type: 'conversation_part.list',
              conversation_parts: rest.map((m, i) => ({
                type: 'conversation_part',
                id: String(this.partIds + Number(f.id.slice(-4)) * 100 + i),
                part_type: m.type ?? 'comment',
                body: m.type === 'assignment' ? null : html(m.body),
                created_at: createdAt + i + 1,
                updated_at: createdAt + i + 1,
                notified_at: createdAt + i + 1,
                assigned_to: null,
                author: this.author(c, m.from),
                attachments: [],
                external_id: null,
                redacted: false,
              })),
              total_count: rest.length,
            },
          }
        : {}),
    };
  }

  /** `GET /conversations/{id}`: the conversation with its parts (up to 500). */
  find(id: string, query: URLSearchParams) {
    const unknown = [...query.keys()].filter((k) => k !== 'display_as' && k !== 'include_translations');
    if (unknown.length) throw invalid(`unknown parameter(s): ${unknown.join(', ')}`);
    const found = this.conversations.get(id);
    if (!found) throw new Refusal(404, 'conversation_not_found', 'Conversation not found');
    return this.show(found, true);
  }

  /** `POST /conversations/search`: refuses malformed queries as Intercom does; `starting_after` cursors belong to their query. */
  search(body: unknown, url: string) {
    if (!isObject(body)) throw invalid('a JSON object is required');
    const extra = Object.keys(body).filter((k) => k !== 'query' && k !== 'pagination');
    if (extra.length) throw invalid(`unknown parameter(s): ${extra.join(', ')}`);
    if (body.query === undefined) throw new Refusal(400, 'parameter_not_found', 'query parameter is required');
    const matches = this.filter(body.query, 1);
    const pagination = body.pagination ?? {};
    if (!isObject(pagination)) throw invalid('pagination must be an object');
    const perPage = pagination.per_page ?? 20;
    if (!Number.isInteger(perPage) || (perPage as number) < 1 || (perPage as number) > 150)
      throw invalid('per_page must be an integer between 1 and 150');
    const queryKey = createHash('sha256').update(JSON.stringify(body.query)).digest('hex').slice(0, 12);
    let start = 0;
    if (pagination.starting_after !== undefined && pagination.starting_after !== null) {
      const cursor = this.decode(pagination.starting_after);
      if (!cursor || cursor.q !== queryKey) throw invalid('starting_after is not a cursor of this search');
      start = cursor.o;
    }
    const all = [...this.conversations.values()].filter((c) => matches(c)).sort((a, b) => b.order - a.order);
    const page = all.slice(start, start + (perPage as number));
    const more = start + page.length < all.length;
    return {
      type: 'conversation.list',
      pages: {
        type: 'pages',
        page: Math.floor(start / (perPage as number)) + 1,
        per_page: perPage,
        total_pages: Math.max(1, Math.ceil(all.length / (perPage as number))),
        ...(more
          ? {
              next: {
                per_page: perPage,
                starting_after: Buffer.from(JSON.stringify({ q: queryKey, o: start + page.length })).toString(
                  'base64url',
                ),
              },
            }
          : {}),
      },
      total_count: all.length,
      conversations: page.map((c) => ({ ...this.show(c, false), self: `${url}/conversations/${c.fixture.id}` })),
    };
  }

  private decode(cursor: unknown): { q: string; o: number } | undefined {
    if (typeof cursor !== 'string') return undefined;
    try {
      const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q?: unknown; o?: unknown };
      return typeof value.q === 'string' && Number.isInteger(value.o)
        ? { q: value.q, o: value.o as number }
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** A predicate for a query: `{field, operator, value}` or `{operator: AND|OR, value: [...]}`, nested two deep at most. */
  private filter(query: unknown, depth: number): (c: StoredConversation) => boolean {
    if (!isObject(query)) throw invalid('query must be an object');
    if ('field' in query) {
      const extra = Object.keys(query).filter((k) => !['field', 'operator', 'value'].includes(k));
      if (extra.length) throw invalid(`unknown parameter(s) in a filter: ${extra.join(', ')}`);
      const { field, operator, value } = query;
      if (typeof field !== 'string' || !(field in fields))
        throw new Refusal(400, 'invalid_field', `${String(field)} is not a searchable field of conversations`);
      const kind = fields[field]!;
      if (typeof operator !== 'string' || !operatorsFor[kind]!.includes(operator))
        throw new Refusal(400, 'invalid_operator', `operator ${String(operator)} is not supported for field ${field}`);
      const list = operator === 'IN' || operator === 'NIN';
      if (list !== Array.isArray(value))
        throw invalid(`value of ${field} must be ${list ? 'an array' : 'a single value'} for operator ${operator}`);
      const values = (list ? value : [value]) as unknown[];
      for (const v of values) {
        if (kind === 'timestamp' && !Number.isInteger(v)) throw invalid(`value of ${field} must be a Unix timestamp`);
        if (kind === 'state' && !['open', 'closed', 'snoozed'].includes(v as string))
          throw invalid('value of state must be open, closed or snoozed');
        if (kind === 'boolean' && typeof v !== 'boolean') throw invalid(`value of ${field} must be a boolean`);
        if ((kind === 'id' || kind === 'string') && typeof v !== 'string')
          throw invalid(`value of ${field} must be a string`);
      }
      const read = (c: StoredConversation): unknown => {
        const shown = this.show(c, false) as Record<string, unknown>;
        if (field.startsWith('source.')) return (shown.source as Record<string, unknown>)[field.slice(7)];
        if (field === 'statistics.last_close_at') return c.fixture.updatedAt;
        return shown[field];
      };
      return (c) => {
        const actual = read(c);
        switch (operator) {
          case '=':
            return actual === value;
          case '!=':
            return actual !== value;
          // As documented: `>` is "greater (or equal) than", `<` "lower (or equal) than".
          case '>':
            return (actual as number) >= (value as number);
          case '<':
            return (actual as number) <= (value as number);
          case 'IN':
            return values.includes(actual);
          case 'NIN':
            return !values.includes(actual);
          case '~':
            return String(actual).includes(String(value));
          case '!~':
            return !String(actual).includes(String(value));
          case '^':
            return String(actual).startsWith(String(value));
          default:
            return String(actual).endsWith(String(value));
        }
      };
    }
    const extra = Object.keys(query).filter((k) => k !== 'operator' && k !== 'value');
    if (extra.length) throw invalid(`unknown parameter(s) in a query: ${extra.join(', ')}`);
    if (query.operator !== 'AND' && query.operator !== 'OR')
      throw new Refusal(400, 'invalid_operator', 'a nested query needs operator AND or OR');
    if (depth > 2) throw invalid('queries may be nested two levels deep at most');
    if (!Array.isArray(query.value) || query.value.length === 0)
      throw invalid('value of a nested query must be a non-empty array');
    if (query.value.length > 15) throw invalid('a nested query may hold 15 filters at most');
    const parts = query.value.map((q) => this.filter(q, depth + 1));
    return query.operator === 'AND' ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c));
  }
}
