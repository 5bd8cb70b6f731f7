/**
 * LaTeX markup in BibTeX values to Unicode text: accents (\'{e}, {\"o}, \c{c}, \v s), named
 * letters (\ss, \o, \aa), escaped specials (\&, \%, \_), Greek in math mode, dashes, ties and
 * grouping braces. Unknown commands keep their argument (\emph{x} -> x).
 */

const accentMarks: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
  t: '\u0361',
}

const namedSymbols: Record<string, string> = {
  aa: 'å',
  AA: 'Å',
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textendash: '–',
  textemdash: '—',
  textbackslash: '\\',
  textquoteright: '’',
  textquoteleft: '‘',
  textquotedblleft: '“',
  textquotedblright: '”',
  textquotedbl: '"',
  copyright: '©',
  textcopyright: '©',
  textregistered: '®',
  texttrademark: '™',
  S: '§',
  P: '¶',
  pounds: '£',
  euro: '€',
  textdegree: '°',
  degree: '°',
  textmu: 'µ',
  textasciitilde: '~',
  textunderscore: '_',
  textasciicircum: '^',
  dots: '…',
  ldots: '…',
  textellipsis: '…',
  textbullet: '•',
  textperiodcentered: '·',
  pm: '±',
  times: '×',
  div: '÷',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  infty: '∞',
  cdot: '·',
  rightarrow: '→',
  to: '→',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
}

const escapedSpecials: Record<string, string> = { '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}' }
/** Private-use stand-ins keep escaped braces and dollars apart from grouping braces and math shifts. */
const placeholder: Record<string, string> = { '{': '\ue000', '}': '\ue001', $: '\ue002' }

const symbolAccent = /\\([`'^"~=.])\s*(?:\{\s*\\?([a-zA-Z])\s*\}|\\?([a-zA-Z]))/g
const letterAccent = /\\([uvHckrdbt])(?:\s*\{\s*\\?([a-zA-Z])\s*\}|\s+\\?([a-zA-Z]))/g
const namedCommand = /\\([a-zA-Z]+)(?![a-zA-Z])\s*(\{\})?/g

/** Dotless \i and \j under an accent are written as the plain letter, which NFC then composes. */
function accent(base: string, mark: string): string {
  return (base + mark).normalize('NFC')
}

export function latexToUnicode(text: string): string {
  if (!/[\\{}$~-]/.test(text)) return text
  let out = text.replace(/\\([&%$#_{}])/g, (_, ch: string) => placeholder[ch] ?? escapedSpecials[ch] ?? ch)
  out = out.replace(symbolAccent, (_, mark: string, a?: string, b?: string) => accent(a ?? b ?? '', accentMarks[mark] ?? ''))
  out = out.replace(letterAccent, (_, mark: string, a?: string, b?: string) => accent(a ?? b ?? '', accentMarks[mark] ?? ''))
  out = out.replace(namedCommand, (_, name: string) => namedSymbols[name] ?? '')
  out = out
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/(?<!\\)~/g, ' ')
    .replace(/[{}$]/g, '')
    .replace(/\ue000/g, '{')
    .replace(/\ue001/g, '}')
    .replace(/\ue002/g, '$')
  return out.normalize('NFC')
}
