import { describe, expect, it } from 'vitest';
import { diffFilePath, parseUnifiedDiff } from '../../drafting/diff/parse-unified-diff.js';

const MODIFIED = `diff --git a/src/cli.ts b/src/cli.ts
index 1111111..2222222 100644
--- a/src/cli.ts
+++ b/src/cli.ts
@@ -10,4 +10,5 @@ export function build() {
   program
-    .option('--verbose', 'Log more')
+    .option('--quiet', 'Log less')
+    .option('--port <n>', 'Port')
     .parse();
@@ -40,2 +41,2 @@ function run() {
-  start(--count)
+  start(count)
   return 1
`;

describe('parseUnifiedDiff', () => {
  it('numbers old and new lines across hunks', () => {
    const [file] = parseUnifiedDiff(MODIFIED);
    expect(file.status).toBe('modified');
    expect(file.oldPath).toBe('src/cli.ts');
    expect(file.hunks).toHaveLength(2);
    const [first, second] = file.hunks;
    expect(first.section).toBe('export function build() {');
    expect(first.lines.map((l) => [l.kind, l.oldLine, l.newLine])).toEqual([
      ['context', 10, 10],
      ['remove', 11, undefined],
      ['add', undefined, 11],
      ['add', undefined, 12],
      ['context', 12, 13],
    ]);
    expect(first.lines[1].text).toBe("    .option('--verbose', 'Log more')");
    // A removed line whose content starts with "-" is still part of the hunk.
    expect(second.lines.map((l) => [l.kind, l.text, l.oldLine ?? l.newLine])).toEqual([
      ['remove', '  start(--count)', 40],
      ['add', '  start(count)', 41],
      ['context', '  return 1', 41],
    ]);
  });

  it('handles new, deleted, renamed and binary files and the no-newline marker', () => {
    const diff = `diff --git a/docs/new.md b/docs/new.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/docs/new.md
@@ -0,0 +1,2 @@
+# New
+text
\\ No newline at end of file
diff --git a/old.js b/old.js
deleted file mode 100644
index 4444444..0000000
--- a/old.js
+++ /dev/null
@@ -1 +0,0 @@
-module.exports = 1
diff --git a/lib/a.js b/lib/b.js
similarity index 90%
rename from lib/a.js
rename to lib/b.js
index 5555555..6666666 100644
--- a/lib/a.js
+++ b/lib/b.js
@@ -1,2 +1,2 @@
-const a = 1
+const b = 1
 module.exports = b
diff --git a/logo.png b/logo.png
index 7777777..8888888 100644
Binary files a/logo.png and b/logo.png differ
`;
    const files = parseUnifiedDiff(diff);
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.binary])).toEqual([
      ['added', null, 'docs/new.md', false],
      ['deleted', 'old.js', null, false],
      ['renamed', 'lib/a.js', 'lib/b.js', false],
      ['modified', 'logo.png', 'logo.png', true],
    ]);
    expect(files[0].hunks[0].lines.map((l) => [l.newLine, l.noNewlineAtEnd ?? false])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(files[1].hunks[0].lines[0]).toMatchObject({ kind: 'remove', oldLine: 1, text: 'module.exports = 1' });
    expect(diffFilePath(files[1])).toBe('old.js');
    expect(files[2].hunks[0].lines[2]).toMatchObject({ kind: 'context', oldLine: 2, newLine: 2 });
    expect(files[3].hunks).toEqual([]);
  });

  it('parses a plain unified diff without git headers', () => {
    const files = parseUnifiedDiff(
      `--- a/x.txt\t2024-01-01\n+++ b/x.txt\t2024-01-02\n@@ -1 +1 @@\n-a\n+b\n--- a/y.txt\n+++ b/y.txt\n@@ -3 +3,2 @@\n c\n+d\n`,
    );
    expect(files.map((f) => f.newPath)).toEqual(['x.txt', 'y.txt']);
    expect(files[1].hunks[0].lines.map((l) => l.newLine)).toEqual([3, 4]);
  });
});
