/** A CMS field as Webflow describes it. */
export interface FakeField {
  id: string;
  slug: string;
  displayName: string;
  type: 'PlainText' | 'RichText' | 'Image' | 'Switch';
  isRequired: boolean;
  isEditable: boolean;
}

export interface FakeCollection {
  id: string;
  siteId: string;
  displayName: string;
  singularName: string;
  slug: string;
  fields: FakeField[];
}

/** An item: its staged field data and flags, and what readers see (`live`, set by a publish). */
export interface FakeItem {
  id: string;
  collectionId: string;
  fieldData: Record<string, unknown>;
  isDraft: boolean;
  isArchived: boolean;
  createdOn: string;
  lastUpdated: string;
  lastPublished: string | null;
  live?: Record<string, unknown>;
}

export interface FakeWrite {
  method: string;
  path: string;
  body: unknown;
}

/** The Webflow sites, collections and items a token reaches, and every write asked of them. */
export class WebflowStore {
  sites = new Map<
    string,
    { id: string; displayName: string; shortName: string; customDomains: { id: string; url: string }[] }
  >();
  collections = new Map<string, FakeCollection>();
  items = new Map<string, FakeItem>();
  writes: FakeWrite[] = [];
  /** The scopes `GET /token/introspect` reports. */
  scope = 'cms:read cms:write sites:read';
  private next = 0x64f0c0000000;
  private clock = Date.parse('2026-11-01T00:00:00Z');

  id(): string {
    return (this.next++).toString(16).padStart(24, '0');
  }

  /** Webflow's timestamps have millisecond precision: every change moves lastUpdated. */
  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  addSite(shortName: string, displayName: string, domain?: string) {
    const id = this.id();
    this.sites.set(id, { id, displayName, shortName, customDomains: domain ? [{ id: this.id(), url: domain }] : [] });
    return id;
  }

  /** A help-center style collection: name, slug, a rich-text body and a summary. */
  addCollection(siteId: string, slug = 'help') {
    const id = this.id();
    const field = (slug: string, displayName: string, type: FakeField['type'], isRequired = false): FakeField => ({
      id: this.id(),
      slug,
      displayName,
      type,
      isRequired,
      isEditable: true,
    });
    this.collections.set(id, {
      id,
      siteId,
      displayName: 'Help articles',
      singularName: 'Help article',
      slug,
      fields: [
        field('name', 'Name', 'PlainText', true),
        field('slug', 'Slug', 'PlainText', true),
        field('post-body', 'Post body', 'RichText'),
        field('summary', 'Summary', 'PlainText'),
        field('featured', 'Featured', 'Switch'),
      ],
    });
    return id;
  }

  /** An item; `live` (the default) is published with the same content. */
  addItem(
    collectionId: string,
    item: { name: string; slug: string; body: string; live?: boolean; archived?: boolean },
  ) {
    const id = this.id();
    const at = this.tick();
    const fieldData = { name: item.name, slug: item.slug, 'post-body': item.body, summary: '' };
    const live = item.live ?? true;
    this.items.set(id, {
      id,
      collectionId,
      fieldData,
      isDraft: !live,
      isArchived: item.archived ?? false,
      createdOn: at,
      lastUpdated: at,
      lastPublished: live ? at : null,
      ...(live ? { live: { ...fieldData } } : {}),
    });
    return id;
  }

  /** An editor changes the staged item in the Designer. */
  edit(id: string, fieldData: Record<string, unknown>) {
    const item = this.items.get(id)!;
    Object.assign(item.fieldData, fieldData);
    item.lastUpdated = this.tick();
  }

  show(item: FakeItem) {
    return {
      id: item.id,
      cmsLocaleId: '653ad57de882f528b32e810e',
      lastPublished: item.lastPublished,
      lastUpdated: item.lastUpdated,
      createdOn: item.createdOn,
      isArchived: item.isArchived,
      isDraft: item.isDraft,
      fieldData: { ...item.fieldData },
    };
  }
}
