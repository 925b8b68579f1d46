/** A Help Center article with its translations, as the fake keeps it. */
export interface FakeArticle {
  id: number;
  section_id: number;
  permission_group_id: number;
  user_segment_id: number | null;
  label_names: string[];
  translations: Record<string, { title: string; body: string; draft: boolean; updated_at: string }>;
}

export interface FakeWrite {
  method: string;
  path: string;
  body: unknown;
}

/** The Help Center's content and what was asked of it. */
export class HelpCenterStore {
  articles = new Map<number, FakeArticle>();
  sections = new Set<number>();
  locales = ['en-us', 'de'];
  writes: FakeWrite[] = [];
  private nextId = 360_000_000_001;
  private clock = Date.parse('2026-11-01T00:00:00Z');

  /** Zendesk's updated_at has second precision: every change moves it by a second at least. */
  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  add(article: { section: number; title: string; body: string; draft?: boolean; locale?: string; labels?: string[] }) {
    this.sections.add(article.section);
    const id = this.nextId++;
    this.articles.set(id, {
      id,
      section_id: article.section,
      permission_group_id: 7001,
      user_segment_id: null,
      label_names: article.labels ?? [],
      translations: {
        [article.locale ?? 'en-us']: {
          title: article.title,
          body: article.body,
          draft: article.draft ?? false,
          updated_at: this.tick(),
        },
      },
    });
    return id;
  }

  show(article: FakeArticle, locale: string, url: string) {
    const t = article.translations[locale];
    if (!t) return undefined;
    return {
      id: article.id,
      url: `${url}/api/v2/help_center/${locale}/articles/${article.id}.json`,
      html_url: `${url}/hc/${locale}/articles/${article.id}`,
      title: t.title,
      body: t.body,
      locale,
      source_locale: 'en-us',
      draft: t.draft,
      section_id: article.section_id,
      permission_group_id: article.permission_group_id,
      user_segment_id: article.user_segment_id,
      label_names: article.label_names,
      updated_at: t.updated_at,
      edited_at: t.updated_at,
    };
  }
}
