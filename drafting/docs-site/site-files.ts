/** The files that hold a docs site's navigation and settings, by their name in the site's folder. */
export const siteFileNames = [
  'mkdocs.yml',
  'mkdocs.yaml',
  'sidebars.js',
  'sidebars.ts',
  'sidebars.json',
  'sidebars.mjs',
  'sidebars.cjs',
  'docusaurus.config.js',
  'docusaurus.config.ts',
  'docusaurus.config.mjs',
  'docs.json',
  'mint.json',
  '.vitepress/config.js',
  '.vitepress/config.ts',
  '.vitepress/config.mjs',
  '.vitepress/config.mts',
];

/** `docs/` → `docs/`; `""` → `""`: the folders a site file of `docsDir` may live in, itself and its ancestors. */
export function siteFolders(docsDir: string): string[] {
  const parts = docsDir.split('/').filter(Boolean);
  return parts.map((_, i) => `${parts.slice(0, parts.length - i).join('/')}/`).concat('');
}

/** The site files of a docs folder outside it (mkdocs.yml beside `docs/`), which a listing of the folder misses. */
export function siteFilesAbove(docsDir: string): string[] {
  return siteFolders(docsDir)
    .slice(1)
    .flatMap((dir) => siteFileNames.map((name) => `${dir}${name}`));
}

/** Whether a file listed below the docs folder is a site file (in it or one folder down, as `website/sidebars.js`). */
export function isSiteFileBelow(file: string, docsDir: string): boolean {
  if (!file.startsWith(docsDir)) return false;
  const rest = file.slice(docsDir.length);
  return siteFileNames.some(
    (name) => rest === name || (rest.endsWith(`/${name}`) && !rest.slice(0, -name.length - 1).includes('/')),
  );
}

/** Whether `file` is a site file of `docsDir`: one an edit may change although it lies outside the folder. */
export function isSiteFile(file: string, docsDir: string): boolean {
  return siteFilesAbove(docsDir).includes(file) || isSiteFileBelow(file, docsDir);
}
