import fs from 'node:fs';

export interface Figure {
  what: string;
  measured: string;
  goal: string;
  /** undefined: not measured (the measured column says why). */
  met?: boolean;
}

const begin = '<!-- npm run bench: begin (generated; edit bench/system/report.ts, not this section) -->';
const end = '<!-- npm run bench: end -->';

export function table(figures: Figure[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.what} | ${f.measured} | ${f.goal} | ${f.met === undefined ? 'not measured' : f.met ? 'met' : '**not met**'} |`,
  );
  return ['| what | measured | goal | |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the generated section of `file` (or appends one), keeping everything written by hand. */
export function writeSection(file: string, body: string): void {
  const section = `${begin}\n${body}\n${end}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
