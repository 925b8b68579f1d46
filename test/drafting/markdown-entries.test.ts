import { describe, expect, it } from 'vitest';
import { entriesFor, parseEntries } from '../../drafting/offline/markdown-entries.js';
import { splitPage } from '../../drafting/offline/page-changes.js';

const PAGE = `# CLI

Run \`app --port 80\` to start.

## Flags

- \`-p, --port <n>\`: Port to listen on.
  Defaults to 8080.

  More about ports.
- \`--port-range <a-b>\`: Ports to try.
- **CLI:** \`--host\`
- A plain sentence about --port that names nothing.

| Variable | Description | Default |
| --- | --- | --- |
| \`PORT\` | Port | \`8080\` |
| \`LOG_LEVEL\` | Level | \`info\` |

### \`--timeout\` (number)

Seconds to wait.

\`\`\`sh
## not a heading
- \`--port\` not a list item
\`\`\`

#### Details

More.

### strictTags

- **CLI:** \`--strictTags\`

## Other
`;

const lines = splitPage(PAGE);
const entries = parseEntries(lines);
const find = (term: string) => entriesFor(entries, lines, term).map((e) => [e.kind, e.start + 1, e.end + 1]);

describe('markdown entries', () => {
  it('finds a list item with its indented continuation lines', () => {
    expect(find('--port')).toEqual([['list-item', 7, 11]]);
    expect(find('-p')).toEqual([['list-item', 7, 11]]);
    expect(find('--port-range')).toEqual([['list-item', 11, 12]]);
  });

  it('finds table rows and remembers the header', () => {
    const [row] = entriesFor(entries, lines, 'LOG_LEVEL');
    expect([row.kind, row.start + 1, row.header]).toEqual(['table-row', 18, ['Variable', 'Description', 'Default']]);
  });

  it('finds heading sections up to the next heading of the same or higher level, ignoring fenced code', () => {
    expect(find('--timeout')).toEqual([['heading-section', 20, 33]]);
  });

  it('matches a heading by the bare name when the section contains the flag', () => {
    expect(find('--strictTags')).toEqual([['heading-section', 33, 37]]);
    expect(find('strictTags')).toEqual([['heading-section', 33, 37]]);
  });

  it('skips labels, prose list items and page titles', () => {
    expect(find('--host')).toEqual([['list-item', 12, 13]]);
    expect(find('CLI')).toEqual([]);
    expect(entries.some((e) => e.kind === 'list-item' && e.start === 12)).toBe(false);
  });
});
