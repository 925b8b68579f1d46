export interface DiffLine {
  kind: 'add' | 'remove' | 'context';
  /** Without the leading `+`, `-` or space. */
  text: string;
  oldLine?: number;
  newLine?: number;
  /** Followed by `\ No newline at end of file`. */
  noNewlineAtEnd?: boolean;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second `@@`, usually the enclosing function. */
  section: string;
  lines: DiffLine[];
}

export interface DiffFile {
  /** `null` for a new file; `newPath` is `null` for a deleted one. */
  oldPath: string | null;
  newPath: string | null;
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  binary: boolean;
  hunks: DiffHunk[];
}

/** The path a file is known by after the change (its old path when deleted). */
export const diffFilePath = (file: DiffFile): string => file.newPath ?? file.oldPath ?? '';

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const GIT = /^diff --git "?a\/(.+?)"? "?b\/(.+?)"?$/;

function path(raw: string): string | null {
  const value = raw
    .split('\t')[0]
    .trim()
    .replace(/^"(.*)"$/, '$1');
  return value === '/dev/null' ? null : value.replace(/^[ab]\//, '');
}

/** Parses `git diff` output (or a plain unified diff) into files, hunks and numbered lines. */
export function parseUnifiedDiff(diff: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let hunk: DiffHunk | undefined;
  let [oldNo, newNo, oldLeft, newLeft] = [0, 0, 0, 0];
  const start = (): DiffFile => {
    file = { oldPath: null, newPath: null, status: 'modified', binary: false, hunks: [] };
    files.push(file);
    hunk = undefined;
    return file;
  };

  for (const line of diff.split(/\r?\n/)) {
    // Inside a hunk, its counts decide what a line is, so a removed "-- x" line is not a header.
    if (hunk && (oldLeft > 0 || newLeft > 0) && /^[-+ ]|^$/.test(line)) {
      const text = line.slice(1);
      if (line[0] !== '+') oldLeft--;
      if (line[0] !== '-') newLeft--;
      if (line[0] === '+') hunk.lines.push({ kind: 'add', text, newLine: newNo++ });
      else if (line[0] === '-') hunk.lines.push({ kind: 'remove', text, oldLine: oldNo++ });
      else hunk.lines.push({ kind: 'context', text, oldLine: oldNo++, newLine: newNo++ });
      continue;
    }
    const git = GIT.exec(line);
    const header = HUNK.exec(line);
    if (line.startsWith('\\')) {
      const last = hunk?.lines[hunk.lines.length - 1];
      if (last) last.noNewlineAtEnd = true;
    } else if (git) {
      Object.assign(start(), { oldPath: git[1], newPath: git[2] });
    } else if (header && file) {
      [oldNo, newNo] = [Number(header[1]), Number(header[3])];
      [oldLeft, newLeft] = [Number(header[2] ?? 1), Number(header[4] ?? 1)];
      hunk = { oldStart: oldNo, oldLines: oldLeft, newStart: newNo, newLines: newLeft, section: header[5], lines: [] };
      file.hunks.push(hunk);
    } else if (line.startsWith('--- ')) {
      // Without `diff --git` lines, a `---` after a finished hunk starts the next file.
      const current = !file || file.hunks.length > 0 ? start() : file;
      current.oldPath = path(line.slice(4));
      if (current.oldPath === null) current.status = 'added';
    } else if (file) {
      readHeaderLine(file, line);
    }
  }
  return files;
}

/** Extended header lines and `+++`. */
function readHeaderLine(file: DiffFile, line: string): void {
  if (line.startsWith('+++ ')) {
    file.newPath = path(line.slice(4));
    if (file.newPath === null) file.status = 'deleted';
  } else if (line.startsWith('new file mode')) {
    [file.status, file.oldPath] = ['added', null];
  } else if (line.startsWith('deleted file mode')) {
    [file.status, file.newPath] = ['deleted', null];
  } else if (line.startsWith('rename from ')) {
    [file.status, file.oldPath] = ['renamed', line.slice(12)];
  } else if (line.startsWith('rename to ')) {
    [file.status, file.newPath] = ['renamed', line.slice(10)];
  } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
    file.binary = true;
  }
}
