import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Edit } from '../../core/change.js';
import { applyEdits, countOccurrences } from '../../drafting/apply-edits.js';
import { addNavEntries } from '../../drafting/docs-site/add-nav-entries.js';
import { detectSite } from '../../drafting/docs-site/detect-site.js';
import { docsTree } from '../../drafting/docs-site/docs-tree.js';

/** A docs tree as a destination reads it: pages below `docsDir`, site files wherever they are. */
function tree(files: Record<string, string>, docsDir = 'docs') {
  const isPage = (p: string) => /\.(md|mdx|rst)$/.test(p);
  const all = Object.entries(files).map(([p, text]) => ({ path: p, text }));
  return docsTree(
    all.filter((f) => isPage(f.path)),
    all.filter((f) => !isPage(f.path)),
    docsDir,
  );
}

const newPage = (p: string, text: string): Edit => ({
  path: p,
  before: '',
  after: text,
  rationale: 'A page for the new command.',
  citations: [],
});

/** Adds the navigation entries and applies every edit, as publishing would; returns the resulting files. */
function publish(files: Record<string, string>, edits: Edit[], docsDir = 'docs') {
  const docs = tree(files, docsDir);
  const result = addNavEntries(docs, edits);
  return { ...result, files: applyEdits(docs.files, result.edits) };
}

/** Loads a JS config module's value without a bundler: the test may run what docflow never does. */
function load(source: string, name: string): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docflow-site-'));
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    source
      .replace(/^import .*$/gm, '')
      .replace(/export default/, 'module.exports =')
      .replace(/: SidebarsConfig/g, '')
      .replace(/ satisfies \w+/g, ''),
  );
  const value = createRequire(import.meta.url)(file) as Record<string, unknown>;
  return (value as { default?: Record<string, unknown> }).default ?? value;
}
const defineConfig = 'const defineConfig = (c) => c;\n';

describe('MkDocs', () => {
  const mkdocs = `site_name: Acme
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - Guides:
      - Install: guides/install.md
      - Usage: guides/usage.md # the main one
  - Reference:
      - reference/cli.md
`;
  const files = {
    'mkdocs.yml': mkdocs,
    'docs/index.md': '# Acme\n',
    'docs/guides/install.md': '# Install\n',
    'docs/guides/usage.md': '# Usage\n',
    'docs/reference/cli.md': '# CLI\n',
  };

  it('recognises mkdocs.yml beside the docs folder', () => {
    expect(detectSite(tree(files))).toEqual({ kind: 'mkdocs', navFile: 'mkdocs.yml', root: 'docs/' });
  });

  it('lists a new page in nav next to its siblings, written like them, and the YAML stays valid', () => {
    const { edits, files: out } = publish(files, [newPage('docs/guides/deploy.md', '# Deploy: to production\n')]);
    expect(edits).toHaveLength(2);
    expect(edits[1]).toMatchObject({ path: 'mkdocs.yml', citations: [] });
    expect(edits[1]!.rationale).toMatch(/docs\/guides\/deploy\.md.*nav of mkdocs\.yml/);
    const nav = parse(out['mkdocs.yml']!, { logLevel: 'silent' }).nav;
    expect(nav[1].Guides).toEqual([
      { Install: 'guides/install.md' },
      { Usage: 'guides/usage.md' },
      { 'Deploy: to production': 'guides/deploy.md' },
    ]);
    expect(countOccurrences(out['mkdocs.yml']!, 'guides/deploy.md')).toBe(1);
    expect(out['mkdocs.yml']).toContain('# the main one');
    expect(out['mkdocs.yml']).toContain('!!python/name:material.extensions.emoji.twemoji');
  });

  it('writes untitled entries where the siblings have no titles', () => {
    const { files: out } = publish(files, [newPage('docs/reference/api.md', '# API\n')]);
    expect(parse(out['mkdocs.yml']!, { logLevel: 'silent' }).nav[2].Reference).toEqual([
      'reference/cli.md',
      'reference/api.md',
    ]);
  });

  it('adds nothing when the page is listed already or MkDocs builds the nav itself', () => {
    const listed = publish({ ...files, 'mkdocs.yml': mkdocs.replace('reference/cli.md', 'reference/api.md') }, [
      newPage('docs/reference/api.md', '# API\n'),
    ]);
    expect(listed.edits).toHaveLength(1);
    const noNav = publish({ ...files, 'mkdocs.yml': 'site_name: Acme\n' }, [newPage('docs/new.md', '# New\n')]);
    expect(noNav.edits).toHaveLength(1);
  });
});

describe('Docusaurus', () => {
  const sidebars = `// @ts-check
/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = {
  tutorialSidebar: [
    'intro',
    {
      type: 'category',
      label: 'Guides',
      items: [
        'guides/install',
        'guides/usage', // the main one
      ],
    },
    { type: 'link', label: 'Blog', href: 'https://example.com/blog' },
  ],
};

module.exports = sidebars;
`;
  const files = {
    'sidebars.js': sidebars,
    'docs/intro.md': '# Intro\n',
    'docs/guides/01-install.md': '# Install\n',
    'docs/guides/usage.md': '---\nid: usage\nsidebar_position: 2\n---\n# Usage\n',
  };

  it('adds the doc id (frontmatter `id`, number prefixes dropped) after its siblings in the category', () => {
    const page = '---\nid: deploying\ntitle: Deploy\n---\n\n# Deploy\n';
    const { edits, files: out } = publish(files, [newPage('docs/guides/02-deploy.md', page)]);
    expect(edits.map((e) => e.path)).toEqual(['docs/guides/02-deploy.md', 'sidebars.js']);
    const loaded = load(out['sidebars.js']!, 'sidebars.cjs') as { tutorialSidebar: unknown[] };
    expect(loaded.tutorialSidebar[1]).toMatchObject({ items: ['guides/install', 'guides/usage', 'guides/deploying'] });
    expect(countOccurrences(out['sidebars.js']!, "'guides/deploying'")).toBe(1);
    expect(out['sidebars.js']).toContain('// the main one');
  });

  it('edits sidebars.json and sidebars.ts written as plain literals', () => {
    const json = JSON.stringify(
      { docs: ['intro', { type: 'category', label: 'Guides', items: ['guides/usage'] }] },
      null,
      2,
    );
    const { 'sidebars.js': _, ...pages } = files;
    const fromJson = publish({ ...pages, 'sidebars.json': json }, [newPage('docs/guides/deploy.md', '# Deploy\n')]);
    expect(JSON.parse(fromJson.files['sidebars.json']!).docs[1].items).toEqual(['guides/usage', 'guides/deploy']);

    const ts = `import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';\n\nconst sidebars: SidebarsConfig = {\n  docs: ['intro', {type: 'doc', id: 'guides/usage', label: 'Usage'}],\n};\n\nexport default sidebars;\n`;
    const tsFiles = { 'sidebars.ts': ts, 'docs/intro.md': '# Intro\n', 'docs/guides/usage.md': '# Usage\n' };
    const fromTs = publish(tsFiles, [newPage('docs/guides/deploy.md', '# Deploy it\n')]);
    expect(fromTs.files['sidebars.ts']).toContain(
      "docs: ['intro', {type: 'doc', id: 'guides/usage', label: 'Usage'}, {type: 'doc', id: 'guides/deploy', label: 'Deploy it'}]",
    );
    expect((load(fromTs.files['sidebars.ts']!, 'sidebars.cjs') as { docs: unknown[] }).docs).toHaveLength(3);
  });

  it('takes the docs folder as the docs plugin path when it is another folder beside sidebars.js', () => {
    const custom = { 'website/sidebars.json': '{"docs": ["intro"]}', 'website/content/intro.md': '# Intro\n' };
    expect(detectSite(tree(custom, 'website/content'))).toMatchObject({ root: 'website/content/' });
    expect(
      publish(custom, [newPage('website/content/next.md', '# Next\n')], 'website/content').files[
        'website/sidebars.json'
      ],
    ).toBe('{"docs": ["intro", "next"]}');
    expect(detectSite(tree({ 'sidebars.js': 'module.exports = {}', 'docs/a.md': '# A\n' }, ''))?.root).toBe('docs/');
  });

  it('leaves a note when the sidebar is computed rather than a literal', () => {
    const computed = `const {generate} = require('./gen');\nmodule.exports = generate(__dirname);\n`;
    const { edits, notes } = publish({ ...files, 'sidebars.js': computed }, [
      newPage('docs/guides/deploy.md', '# D\n'),
    ]);
    expect(edits).toHaveLength(1);
    expect(notes.join()).toMatch(
      /docs\/guides\/deploy\.md: sidebars\.js is not a plain object literal; add "guides\/deploy" to the sidebar by hand/,
    );
  });

  it('gives a page in an autogenerated sidebar the next sidebar_position, keeping its frontmatter', () => {
    const auto = `module.exports = { docs: [{ type: 'autogenerated', dirName: '.' }] };\n`;
    const {
      edits,
      notes,
      files: out,
    } = publish({ ...files, 'sidebars.js': auto }, [
      newPage('docs/guides/deploy.md', '---\ntitle: Deploy\n---\n# Deploy\n'),
    ]);
    expect(edits).toHaveLength(1);
    expect(out['docs/guides/deploy.md']).toBe('---\ntitle: Deploy\nsidebar_position: 3\n---\n# Deploy\n');
    expect(notes.join()).toMatch(/autogenerates the sidebar/);
  });
});

describe('Mintlify', () => {
  const docsJson = `{
  "$schema": "https://mintlify.com/docs.json",
  "name": "Acme",
  "navigation": {
    "tabs": [
      {
        "tab": "Guides",
        "groups": [
          { "group": "Get started", "pages": ["index", "quickstart"] },
          { "group": "Guides", "pages": ["guides/install", "guides/usage"] }
        ]
      },
      { "tab": "API", "groups": [{ "group": "Endpoints", "pages": ["api/list", "api/create"] }] }
    ]
  }
}
`;
  const files = {
    'docs.json': docsJson,
    'index.mdx': '# Acme\n',
    'quickstart.mdx': '# Quickstart\n',
    'guides/install.mdx': '# Install\n',
    'guides/usage.mdx': '# Usage\n',
    'api/list.mdx': '# List\n',
    'api/create.mdx': '# Create\n',
  };

  it('adds the page to the group of its siblings in docs.json; the JSON stays valid', () => {
    const { edits, files: out } = publish(files, [newPage('guides/deploy.mdx', '# Deploy\n')], '');
    expect(edits[1]!.path).toBe('docs.json');
    const nav = JSON.parse(out['docs.json']!).navigation;
    expect(nav.tabs[0].groups[1].pages).toEqual(['guides/install', 'guides/usage', 'guides/deploy']);
    expect(countOccurrences(out['docs.json']!, '"guides/deploy"')).toBe(1);
    expect(nav.tabs[1].groups[0].pages).toEqual(['api/list', 'api/create']);
  });

  it('reads the legacy mint.json navigation', () => {
    const mint = JSON.stringify(
      { name: 'Acme', navigation: [{ group: 'API', pages: ['api/list', { group: 'Write', pages: ['api/create'] }] }] },
      null,
      2,
    );
    const { 'docs.json': _, ...rest } = files;
    const { files: out } = publish({ ...rest, 'mint.json': mint }, [newPage('api/update.mdx', '# Update\n')], '');
    const nav = JSON.parse(out['mint.json']!).navigation;
    expect(nav[0].pages).toEqual(['api/list', 'api/update', { group: 'Write', pages: ['api/create'] }]);
  });
});

describe('VitePress', () => {
  const config = `import { defineConfig } from 'vitepress'

export default defineConfig({
  title: \`Acme \${new Date().getFullYear()}\`,
  markdown: { config: (md) => { md.use(require('x')) } },
  themeConfig: {
    nav: [{ text: 'Guide', link: '/guide/install' }],
    sidebar: {
      '/guide/': [
        {
          text: 'Guide',
          items: [
            { text: 'Install', link: '/guide/install' },
            { text: 'Usage', link: '/guide/usage' },
          ]
        }
      ],
      '/reference/': [{ text: 'Reference', items: [{ text: 'CLI', link: '/reference/cli' }] }]
    }
  }
})
`;
  const files = {
    'docs/.vitepress/config.ts': config,
    'docs/index.md': '# Acme\n',
    'docs/guide/install.md': '# Install\n',
    'docs/guide/usage.md': '# Usage\n',
    'docs/reference/cli.md': '# CLI\n',
  };

  it('adds { text, link } to the sidebar group of its siblings, like theirs', () => {
    expect(detectSite(tree(files))).toMatchObject({ kind: 'vitepress', root: 'docs/' });
    const { edits, files: out } = publish(files, [newPage('docs/guide/deploy.md', "# Deploy 'live'\n")]);
    expect(edits[1]!.path).toBe('docs/.vitepress/config.ts');
    expect(out['docs/.vitepress/config.ts']).toContain(
      "{ text: 'Usage', link: '/guide/usage' },\n            { text: 'Deploy \\'live\\'', link: '/guide/deploy' },",
    );
    const loaded = load(
      defineConfig + out['docs/.vitepress/config.ts']!.replace(/title: `[^`]*`,/, '').replace(/markdown: .*\n/, ''),
      'config.cjs',
    ) as { themeConfig: { sidebar: Record<string, { items: unknown[] }[]> } };
    expect(loaded.themeConfig.sidebar['/guide/']![0]!.items).toEqual([
      { text: 'Install', link: '/guide/install' },
      { text: 'Usage', link: '/guide/usage' },
      { text: "Deploy 'live'", link: '/guide/deploy' },
    ]);
  });
});

describe('Sphinx', () => {
  it('adds the page to the toctree listing its siblings (reStructuredText)', () => {
    const index = `Acme\n====\n\n.. toctree::\n   :maxdepth: 2\n   :caption: Guides\n\n   guides/install\n   guides/usage\n\nIndices\n-------\n`;
    const files = {
      'docs/index.rst': index,
      'docs/guides/install.rst': 'Install\n=======\n',
      'docs/guides/usage.rst': 'Usage\n=====\n',
    };
    expect(detectSite(tree(files))).toEqual({ kind: 'sphinx', root: 'docs/' });
    const { edits, files: out } = publish(files, [newPage('docs/guides/deploy.rst', 'Deploy\n======\n')]);
    expect(edits[1]!.path).toBe('docs/index.rst');
    expect(out['docs/index.rst']).toContain('   guides/install\n   guides/usage\n   guides/deploy\n\nIndices');
  });

  it('adds the page to a MyST toctree, and nothing when a glob lists it already', () => {
    const index = '# Acme\n\n```{toctree}\n:maxdepth: 2\n\nInstall <guides/install>\n```\n';
    const files = { 'docs/index.md': index, 'docs/guides/install.md': '# Install\n' };
    const { files: out } = publish(files, [newPage('docs/guides/deploy.md', '# Deploy\n')]);
    expect(out['docs/index.md']).toBe(
      '# Acme\n\n```{toctree}\n:maxdepth: 2\n\nInstall <guides/install>\nDeploy <guides/deploy>\n```\n',
    );
    const glob = { 'docs/index.rst': '.. toctree::\n   :glob:\n\n   guides/*\n', 'docs/guides/install.rst': 'I\n=\n' };
    expect(publish(glob, [newPage('docs/guides/deploy.rst', 'D\n=\n')]).edits).toHaveLength(1);
  });
});

describe('a docs folder that is no site', () => {
  it('adds no navigation edit', () => {
    const { edits, notes } = publish({ 'docs/a.md': '# A\n' }, [newPage('docs/b.md', '# B\n')]);
    expect(edits).toHaveLength(1);
    expect(notes).toEqual([]);
  });
});
