import type { Citation, Conversation, ConversationMessage, DocPage } from '../../core/change.js';
import { indexPage, mentioningLines, type IndexedPage } from '../offline/page-index.js';
import type { SymbolKind } from '../offline/scan-line.js';
import { claimsIn, documentedValue, sentencesNaming, type Claim } from './claims.js';
import { concreteTerms, type Term } from './terms.js';

/**
 * What a conversation tells about the docs, per concrete thing it names:
 * - `covered`: a page documents it (and agrees with what support answered);
 * - `gap`: no page documents it, or the page that does leaves out what support had to answer (a default, a limit);
 * - `contradiction`: a page states a value support's answer corrects.
 */
export interface Finding {
  kind: 'covered' | 'gap' | 'contradiction';
  term: Term;
  /** The page (and 0-based line) documenting the term; absent for a gap no page touches. */
  page?: string;
  line?: number;
  claim?: Claim;
  /** What the page states for the claim's attribute, when it does. */
  documented?: { raw: string; value: string };
  /** Support's sentence about the term, when support wrote one. */
  answer?: string;
  citations: Citation[];
  /** Titles of the conversations it comes from. */
  sources: string[];
}

export interface Assessment {
  /** The strongest finding: a contradiction, else a gap, else covered; `unclear` when nothing concrete was named. */
  verdict: 'contradiction' | 'gap' | 'covered' | 'unclear';
  findings: Finding[];
}

const symbolKind: Record<Term['kind'], SymbolKind> = {
  flag: 'flag',
  env: 'env',
  error: 'env',
  setting: 'key',
  code: 'key',
};

function cite(conversation: Conversation, message: ConversationMessage): Citation {
  return {
    path: conversation.path,
    side: 'new',
    startLine: message.startLine,
    endLine: message.endLine,
    excerpt: message.text,
  };
}

/** The doc lines naming the term, each with its table header when it is a table row. */
function documentation(pages: IndexedPage[], term: Term) {
  return pages.flatMap((page) =>
    mentioningLines(page, symbolKind[term.kind], term.name).map((line) => ({
      page,
      line,
      header: page.entries.find((e) => e.kind === 'table-row' && e.start === line)?.header,
    })),
  );
}

function assessTerm(conversation: Conversation, term: Term, pages: IndexedPage[]): Finding[] {
  const naming = conversation.messages.filter((m) => sentencesNaming(m.text, term.name).length > 0);
  if (naming.length === 0) return [];
  const answers = naming.filter((m) => m.role !== 'asker');
  const answer = answers.flatMap((m) => sentencesNaming(m.text, term.name))[0];
  const base = { term, sources: [conversation.title], ...(answer ? { answer } : {}) };
  const docs = documentation(pages, term);
  // What only the customer wrote may be their own file or setup; support naming it makes it the product's.
  if (docs.length === 0)
    return answers.length ? [{ kind: 'gap', ...base, citations: naming.map((m) => cite(conversation, m)) }] : [];
  const claims = answers.flatMap((m) =>
    sentencesNaming(m.text, term.name).flatMap((s) => claimsIn(s).map((claim) => ({ claim, message: m }))),
  );
  if (claims.length === 0) {
    const [first] = docs;
    return [{ kind: 'covered', ...base, page: first!.page.path, line: first!.line, citations: [] }];
  }
  return claims.map(({ claim, message }): Finding => {
    const stated = docs
      .map((d) => ({ ...d, documented: documentedValue(d.page.lines[d.line]!, d.header, claim.attribute) }))
      .find((d) => d.documented);
    const at = stated ?? docs[0]!;
    const where = { page: at.page.path, line: at.line, claim, citations: [cite(conversation, message)] };
    if (!stated) return { kind: 'gap', ...base, ...where };
    const same = stated.documented!.value.toLowerCase() === claim.value.toLowerCase();
    return { kind: same ? 'covered' : 'contradiction', ...base, ...where, documented: stated.documented! };
  });
}

/** `report.csv`, `acme.com`: dotted names that are files or hosts, not settings. */
const FILE_OR_HOST = /\.(?:csv|tsv|json|ya?ml|xml|txt|md|log|pdf|png|jpe?g|gif|zip|gz|com|net|org|io|dev|app|test)$/i;
/** Terms worth a finding: a code span with spaces (`export --all`) is a command line, whose parts are terms of their own. */
const assessable = (term: Term) =>
  !(term.kind === 'code' && /\s/.test(term.name)) && !(term.kind === 'setting' && FILE_OR_HOST.test(term.name));

/** Findings across the conversations, one per (kind, term, page), citing every conversation that led to it. */
export function assessConversations(conversations: Conversation[], docs: DocPage[]): Assessment {
  const pages = [...docs].sort((a, b) => a.path.localeCompare(b.path)).map(indexPage);
  const merged = new Map<string, Finding>();
  for (const conversation of conversations) {
    const text = [conversation.title, ...conversation.messages.map((m) => m.text)].join('\n');
    for (const term of concreteTerms(text).filter(assessable))
      for (const finding of assessTerm(conversation, term, pages)) {
        const key = [
          finding.kind,
          finding.term.name.toLowerCase(),
          finding.page ?? '',
          finding.claim?.attribute ?? '',
        ].join('\0');
        const known = merged.get(key);
        if (!known) merged.set(key, finding);
        else {
          known.citations.push(...finding.citations);
          if (!known.sources.includes(conversation.title)) known.sources.push(conversation.title);
        }
      }
  }
  const findings = [...merged.values()];
  const has = (kind: Finding['kind']) => findings.some((f) => f.kind === kind);
  const verdict = has('contradiction') ? 'contradiction' : has('gap') ? 'gap' : has('covered') ? 'covered' : 'unclear';
  return { verdict, findings };
}
