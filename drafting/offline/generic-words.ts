// Names too common to say anything about which page documents a change.
const KEYWORDS = `abstract any arguments as async await bigint boolean break case catch class const constructor continue
debugger declare default delete do else enum export exports extends false finally for from function get global
globalThis if implements import in instanceof interface keyof let module namespace never new null number object of
package private protected prototype public readonly require return self set static string super switch symbol this
throw true try type typeof undefined unknown var void while with yield console process window document def elif
lambda pass none`;

const COMMON = `about above after again all also and any are arg args argv array back base because been before being
below between body both buffer but cache call callback can cb check child children class code config content context
count current data date debug default defaults desc description dest dir does done each else empty end entry env err
error errors event events example exists false field fields file files first fn for format from func function get
handler has have header headers helper helpers here how id ids index info init input instance into is it item items
its just key keys kind label last length level lib line lines list log logger main map max message messages meta
method min mode more most msg name names new next node not null obj object old one only open option options opts
other out output param params parent path paths prev props raw read req request res response result results root run
same self set settings should size some source spec src start state status str stream string sub such test tests text
than that the their them then there these they this time title tmp true type types url use used util utils val value
values version was what when which will with write you your change changes changed instead update updated support
supports allow allows fix fixes fixed add added adds remove removed make`;

// Stored lower-case: look-ups lower-case the name, and some keywords are mixed-case (globalThis, typeof).
const GENERIC = new Set([...KEYWORDS.split(/\s+/), ...COMMON.split(/\s+/)].map((word) => word.toLowerCase()));

/** Symbols that may drive ranking and edits: flags, env vars and routes of 3+ characters, other names unless generic. */
export function meaningful(symbol: { kind: string; name: string }): boolean {
  return ['flag', 'env', 'route'].includes(symbol.kind) ? symbol.name.length > 2 : !isGeneric(symbol.name);
}

/** True for names that must not drive matching: keywords, very common words and 1–2 character names. */
export function isGeneric(name: string): boolean {
  const bare = name.replace(/^-+/, '');
  return bare.length <= 2 || GENERIC.has(bare.toLowerCase());
}
