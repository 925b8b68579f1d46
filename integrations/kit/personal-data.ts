/**
 * Removes personal data and secrets from support tickets and chat threads before they are stored as
 * context, put in a prompt, or logged. What is replaced is named (`[email]`, `[phone]`, …) so a drafter
 * still sees that something was there, and people the provider names (the requester, an agent) become
 * `[person]`. It errs on the side of removing: a doc fix never needs a customer's details.
 */

export interface Redaction {
  text: string;
  /** How many of each kind were removed. */
  removed: Record<string, number>;
}

const patterns: [kind: string, pattern: RegExp][] = [
  // Secrets first, so their parts are not taken for other things.
  [
    'secret',
    /\b(?:xox[abposr]-[\w-]{10,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,})/g,
  ],
  ['url-credentials', /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi],
  ['email', /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g],
  ['card', /\b\d(?:[ -]?\d){12,18}\b/g],
  ['iban', /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g],
  ['ip', /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g],
  ['phone', /(?<![\w.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,5}){1,4}(?!\w|\.\d)/g],
];

/** Luhn check, so long order or ticket numbers are not taken for card numbers. */
function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** 7 to 15 digits (E.164), and not a date such as 2024-05-01. */
function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(candidate.trim());
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `names`: people the provider told us about (requester, assignee, thread authors), replaced wherever they appear. */
export function redactPersonalData(text: string, options: { names?: string[] } = {}): Redaction {
  const removed: Record<string, number> = {};
  const count = (kind: string) => (removed[kind] = (removed[kind] ?? 0) + 1);
  let out = text;
  for (const [kind, pattern] of patterns) {
    out = out.replace(pattern, (match, scheme?: string) => {
      if (kind === 'card' && !isCardNumber(match)) return match;
      if (kind === 'phone' && !isPhoneNumber(match)) return match;
      count(kind);
      return kind === 'url-credentials' ? `${scheme}[credentials]@` : `[${kind}]`;
    });
  }
  // Longest names first, so "Ana María López" goes before "Ana".
  const names = [
    ...new Set(
      (options.names ?? []).flatMap((n) => [
        n.trim(),
        ...n
          .trim()
          .split(/\s+/)
          .filter((part) => part.length >= 3),
      ]),
    ),
  ]
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'giu'), () => {
      count('person');
      return '[person]';
    });
  }
  return { text: out, removed };
}
