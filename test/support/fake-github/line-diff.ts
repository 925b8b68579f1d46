/** A line diff (common prefix/suffix, then LCS) rendered as unified-diff hunks with git's conventions. */
export interface LinePatch {
  hunks: string;
  additions: number;
  deletions: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Lines keep their '\n', so a last line without one differs from the same text with one (as in git). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function editScript(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const n = x.length;
  const m = y.length;
  const ops: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  const w = m + 1;
  // lcs[i*w+j] = length of the longest common subsequence of x[i..] and y[j..]; skipped when too large.
  const lcs = n * m <= 25_000_000 ? new Uint32Array((n + 1) * w) : undefined;
  if (lcs) {
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * w + j] =
          x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  }
  let i = 0;
  let j = 0;
  while (lcs && i < n && j < m) {
    if (x[i] === y[j]) {
      ops.push({ kind: ' ', line: x[i++] });
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) ops.push({ kind: '-', line: x[i++] });
    else ops.push({ kind: '+', line: y[j++] });
  }
  while (i < n) ops.push({ kind: '-', line: x[i++] });
  while (j < m) ops.push({ kind: '+', line: y[j++] });
  for (const line of a.slice(a.length - suf)) ops.push({ kind: ' ', line });
  return ops;
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);

function renderOp(op: Op): string {
  const text = op.line.endsWith('\n') ? op.line : `${op.line}\n\\ No newline at end of file\n`;
  return op.kind + text;
}

/** Hunks with `context` lines around each change, merged when their contexts touch or overlap. */
export function diffText(before: string, after: string, context = 3): LinePatch {
  const ops = editScript(splitLines(before), splitLines(after));
  const changes = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const groups: Array<[number, number]> = [];
  for (const index of changes) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= 2 * context + 1) last[1] = index;
    else groups.push([index, index]);
  }
  let hunks = '';
  for (const [first, lastChange] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length, lastChange + context + 1);
    const before = ops.slice(0, start);
    const body = ops.slice(start, end);
    const oldBefore = before.filter((op) => op.kind !== '+').length;
    const newBefore = before.filter((op) => op.kind !== '-').length;
    const oldCount = body.filter((op) => op.kind !== '+').length;
    const newCount = body.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount === 0 ? oldBefore : oldBefore + 1;
    const newStart = newCount === 0 ? newBefore : newBefore + 1;
    hunks += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n` + body.map(renderOp).join('');
  }
  return {
    hunks,
    additions: ops.filter((op) => op.kind === '+').length,
    deletions: ops.filter((op) => op.kind === '-').length,
  };
}
