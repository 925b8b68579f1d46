/** Splits a unified diff into per-file sections keyed by the new path. */
export function diffSections(diff: string): { path: string; text: string }[] {
  return diff
    .split(/^(?=diff --git )/m)
    .filter((text) => text.startsWith('diff --git '))
    .map((text) => ({ path: /^diff --git a\/.+? b\/(.+)$/m.exec(text)?.[1] ?? '', text }));
}

/**
 * Keeps the diff of the kept files under a byte budget. Smaller sections go first: large ones are
 * usually generated files or lock files, and one huge file should not crowd out every other change.
 */
export function boundDiff(diff: string, keep: Set<string>, budgetBytes: number): { diff: string; omitted: string[] } {
  const sections = diffSections(diff).filter((s) => keep.has(s.path));
  const bySize = [...sections].sort((a, b) => a.text.length - b.text.length);
  const chosen = new Set<string>();
  let used = 0;
  for (const section of bySize) {
    if (used + section.text.length > budgetBytes) continue;
    chosen.add(section.path);
    used += section.text.length;
  }
  return {
    diff: sections
      .filter((s) => chosen.has(s.path))
      .map((s) => s.text)
      .join(''),
    omitted: sections.filter((s) => !chosen.has(s.path)).map((s) => s.path),
  };
}
