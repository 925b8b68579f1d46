/** An article as the fake keeps it (the Articles API's fields docflow may send or read). */
export interface FakeArticle {
  id: string;
  title: string;
  description: string;
  body: string;
  author_id: number;
  state: 'published' | 'draft';
  parent_id: number | null;
  parent_type: 'collection' | null;
  created_at: number;
  updated_at: number;
}

export interface FakeWrite {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** The `Intercom-Version` the request stated. */
  version: string;
}

/** The workspace's help center and what was asked of it. */
export class IntercomStore {
  articles = new Map<string, FakeArticle>();
  /** Collection id → its parent collection (null at the top). */
  collections = new Map<number, number | null>();
  admins = new Map<number, string>([[991267001, 'docs@acme.test']]);
  writes: FakeWrite[] = [];
  private nextId = 8_100_001;
  private clock = Math.floor(Date.parse('2026-11-01T00:00:00Z') / 1000);

  /** `updated_at` is in seconds: every change moves it by a second at least. */
  tick(): number {
    return ++this.clock;
  }

  add(article: {
    title: string;
    body: string;
    state?: 'published' | 'draft';
    collection?: number;
    description?: string;
  }) {
    if (article.collection !== undefined && !this.collections.has(article.collection))
      this.collections.set(article.collection, null);
    const id = String(this.nextId++);
    const at = this.tick();
    this.articles.set(id, {
      id,
      title: article.title,
      description: article.description ?? '',
      body: article.body,
      author_id: 991267001,
      state: article.state ?? 'published',
      parent_id: article.collection ?? null,
      parent_type: article.collection === undefined ? null : 'collection',
      created_at: at,
      updated_at: at,
    });
    return id;
  }

  /** The collections above `id`, nearest first. */
  ancestors(id: number | null): number[] {
    const chain: number[] = [];
    for (let at = id; at !== null && at !== undefined; at = this.collections.get(at) ?? null) chain.push(at);
    return chain;
  }

  show(a: FakeArticle, url: string) {
    return {
      type: 'article',
      id: a.id,
      workspace_id: 'ws_fake123',
      title: a.title,
      description: a.description,
      body: a.body,
      author_id: a.author_id,
      state: a.state,
      created_at: a.created_at,
      updated_at: a.updated_at,
      url: a.state === 'published' ? `${url}/help/en/articles/${a.id}` : null,
      parent_id: a.parent_id,
      parent_type: a.parent_type,
      parent_ids: this.ancestors(a.parent_id),
    };
  }
}
