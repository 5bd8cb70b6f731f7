import { describe, expect, it } from 'vitest'
import { findDoiInText, joinPages, normalizeAuthorName, normalizeDoi, normalizeIssn, normalizePmid, parseYear } from '@/core/citations/normalize-fields'
import { plainLine, plainParagraphs, stripHtml } from '@/core/citations/html-text'
import { latexToUnicode } from '@/core/citations/latex-to-unicode'

describe('normalizeDoi', () => {
  it.each([
    ['10.1002/CPP.2398', '10.1002/cpp.2398'],
    ['https://doi.org/10.1002/cpp.2398', '10.1002/cpp.2398'],
    ['http://dx.doi.org/10.1002/cpp.2398', '10.1002/cpp.2398'],
    ['doi:10.1002/cpp.2398', '10.1002/cpp.2398'],
    ['DOI: 10.1002/cpp.2398.', '10.1002/cpp.2398'],
    ['10.1186/1471-2105-7-10 [doi]', '10.1186/1471-2105-7-10'],
    ['https://doi.org/10.1016%2Fs0020-0255(03)00185-3', '10.1016/s0020-0255(03)00185-3'],
    ['not a doi', ''],
    ['', ''],
  ])('%s -> %s', (input, expected) => expect(normalizeDoi(input)).toBe(expected))

  it('finds DOIs in resolver and database URLs', () => {
    expect(findDoiInText('https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&doi=10.15598%2faeee.v16i3.2698&partnerID=40')).toBe('10.15598/aeee.v16i3.2698')
    expect(findDoiInText('http://sfx.library.uu.nl/utrecht?sid=EMBASE&id=doi:10.4103%2F2303-9027.138783&atitle=x')).toBe('10.4103/2303-9027.138783')
    expect(findDoiInText('http://dx.doi.org/10.1002/jts.22387')).toBe('10.1002/jts.22387')
    expect(findDoiInText('https://lens.org/190-777-589-117-351')).toBe('')
  })
})

describe('normalizePmid, parseYear, joinPages, normalizeIssn', () => {
  it('PMIDs keep digits only and refuse PMC ids', () => {
    expect(normalizePmid('PMID: 21553931')).toBe('21553931')
    expect(normalizePmid('21553931 [pubmed]')).toBe('21553931')
    expect(normalizePmid('PMC1373603')).toBe('')
    expect(normalizePmid('n/a')).toBe('')
  })
  it.each([
    ['2019//', 2019],
    ['2019/05/01/', 2019],
    ['2019///', 2019],
    ['1996 Jul 9', 1996],
    ['September  1, 2021', 2021],
    ['Jun', null],
    ['20060220', null],
    ['', null],
  ])('year of %j is %j', (input, expected) => expect(parseYear(input)).toBe(expected))
  it('pages and ISSNs', () => {
    expect(joinPages('152', '160')).toBe('152-160')
    expect(joinPages('349-69', '')).toBe('349-69')
    expect(joinPages('No', 'Specified')).toBe('')
    expect(normalizeIssn('03064530 (ISSN)')).toBe('03064530')
    expect(normalizeIssn('0894-9867, 0894-9867')).toBe('0894-9867')
    expect(normalizeIssn('1471-2105 (Electronic)')).toBe('1471-2105')
  })
})

describe('normalizeAuthorName', () => {
  it.each([
    ['Trindade, Ines A', {}, 'Trindade, Ines A'],
    ['Casbon JA', {}, 'Casbon, JA'],
    ['Liu R.', {}, 'Liu, R.'],
    ['Adler D.G.', {}, 'Adler, D.G.'],
    ['van Raaij MJ', {}, 'van Raaij, MJ'],
    ['Stillman, Andrew N. (andrew.stillman@uconn.edu) ', {}, 'Stillman, Andrew N.'],
    ['World Health Organization', {}, 'World Health Organization'],
    ['John Smith', { firstLast: true }, 'Smith, John'],
    ['Ludwig van Beethoven', { firstLast: true }, 'van Beethoven, Ludwig'],
    ['A. Smith', { firstLast: true }, 'Smith, A.'],
    ['  ;  ', {}, ''],
  ])('%j -> %j', (input, options, expected) => expect(normalizeAuthorName(input, options)).toBe(expected))
})

describe('HTML and LaTeX to plain text', () => {
  it('strips tags (only real HTML element names) and decodes entities', () => {
    expect(stripHtml('Effect of <i>Boswellia</i> on CO<sub>2</sub> &amp; H<sup>+</sup>')).toBe('Effect of Boswellia on CO2 & H+')
    expect(plainLine('p<0.05 and a<b and c>d')).toBe('p<0.05 and a<b and c>d')
    expect(plainParagraphs('<jats:p>First.</jats:p><jats:p>Second &#8211; &#x3b1;</jats:p>')).toBe('First.\nSecond – α')
    expect(plainLine('<script>alert(1)</script> &lt;b&gt;bold&lt;/b&gt;')).toBe('<script>alert(1)</script> <b>bold</b>')
  })
  it('decodes every HTML5 entity with its case, and only with the closing semicolon', () => {
    // the hand-written table lowercased &Eacute; to "école" and left these undecoded
    expect(plainLine('&Eacute;cole Polytechnique, &Aring;rhus, K&oslash;benhavn, &AElig;r&oslash;, &Ouml;rebro')).toBe('École Polytechnique, Århus, København, Ærø, Örebro')
    expect(plainLine('&Agrave; la &laquo;carte&raquo; &ndash; &frac12;&thinsp;dose, &beta;&sup2; &ge; 0.8')).toBe('À la «carte» – ½ dose, β² ≥ 0.8')
    // no semicolon, or not an entity: left as written
    expect(plainLine('AT&T &copy2020 ?a=1&para=2 &notanentity; &amp')).toBe('AT&T &copy2020 ?a=1&para=2 &notanentity; &amp')
    expect(plainLine('&#955; &#x3bb; &#X3BB;')).toBe('λ λ λ')
  })
  it('LaTeX accents, named letters, escapes, math Greek and braces', () => {
    expect(latexToUnicode('Caf\\\'{e} na\\"ive {\\"O}sterreich \\c{c}a \\v{s} \\\'{\\i}')).toBe('Café naïve Österreich ça š í')
    expect(latexToUnicode('Stra{\\ss}e, {\\O}rsted \\& Sons, 50\\% of \\$5, {{Title}}')).toBe('Straße, Ørsted & Sons, 50% of $5, Title')
    expect(latexToUnicode('$\\beta$-cells 1--2 \\{0,1\\}(n) \\textbackslash{}x')).toBe('β-cells 1–2 {0,1}(n) \\x')
    expect(latexToUnicode('\\emph{in vivo} study')).toBe('in vivo study')
  })
})
