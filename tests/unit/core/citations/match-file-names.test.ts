import { describe, expect, it } from 'vitest'
import { matchFileName, matchFileNames, type FileCandidate } from '@/core/citations/match-file-names'

const records: FileCandidate[] = [
  { id: 'a', doi: '10.1002/jmri.27001', pmid: '31234567', title: 'Deep learning for liver iron quantification on MRI', authors: ['Nguyen, T.'], year: 2019 },
  { id: 'b', doi: '10.1002/jmri.270015', pmid: '', title: 'Deep learning for liver iron quantification on MRI: external validation', authors: ['Okafor, C.'], year: 2021 },
  { id: 'c', doi: '', pmid: '29876543', title: 'R2* relaxometry of the liver', authors: ['Smith, J.'], year: 2018 },
  { id: 'd', doi: '', pmid: '', title: 'Radiomics of hepatic iron overload in thalassaemia', authors: ['Smith, A.'], year: 2020 },
  { id: 'e', doi: '', pmid: '', title: 'Radiomics of hepatic iron overload in sickle cell disease', authors: ['Smith, B.'], year: 2020 },
  { id: 'f', doi: '', pmid: '', title: 'Café <i>au lait</i> spots and hepatic siderosis in children', authors: ['Hancké, M.'], year: 2017 },
]

describe('matching full-text file names to records', () => {
  it('finds a DOI with its slash replaced, escaped or dropped, the longest DOI first', () => {
    expect(matchFileName('10.1002_jmri.27001.pdf', records)).toEqual({ kind: 'matched', recordId: 'a', by: 'doi' })
    expect(matchFileName('10.1002%2Fjmri.27001.pdf', records)).toEqual({ kind: 'matched', recordId: 'a', by: 'doi' })
    expect(matchFileName('C:\\papers\\101002jmri27001.PDF', records)).toEqual({ kind: 'matched', recordId: 'a', by: 'doi' })
    expect(matchFileName('10.1002-jmri.270015.pdf', records)).toEqual({ kind: 'matched', recordId: 'b', by: 'doi' })
  })

  it('finds a PMID as a number of its own, not inside a longer one or a year', () => {
    expect(matchFileName('PMID29876543.pdf', records)).toEqual({ kind: 'matched', recordId: 'c', by: 'pmid' })
    expect(matchFileName('29876543.pdf', records)).toEqual({ kind: 'matched', recordId: 'c', by: 'pmid' })
    expect(matchFileName('1298765430.pdf', records)).toEqual({ kind: 'none' })
  })

  it('finds a title as reference managers shorten it, with author and year breaking ties', () => {
    expect(matchFileName('Smith - 2018 - R2 relaxometry of the liver.pdf', records)).toEqual({ kind: 'matched', recordId: 'c', by: 'title' })
    expect(matchFileName('Nguyen et al. - 2019 - Deep learning for liver iron quantification.pdf', records)).toEqual({ kind: 'matched', recordId: 'a', by: 'title' })
    // the longer title wins when the name holds more of it
    expect(matchFileName('Deep_learning_for_liver_iron_quantification_on_MRI_external_validation.pdf', records)).toEqual({ kind: 'matched', recordId: 'b', by: 'title' })
    expect(matchFileName('cafe au lait spots and hepatic siderosis.pdf', records)).toEqual({ kind: 'matched', recordId: 'f', by: 'title' })
    // two titles that begin alike and a name that holds only the shared words: for a person to decide
    expect(matchFileName('Radiomics of hepatic iron overload.pdf', records)).toEqual({ kind: 'ambiguous', recordIds: ['d', 'e'] })
    expect(matchFileName('Radiomics of hepatic iron overload in thalassaemia.pdf', records)).toEqual({ kind: 'matched', recordId: 'd', by: 'title' })
  })

  it('finds a first author and year only when one record has both', () => {
    expect(matchFileName('Hancke2017.pdf', records)).toEqual({ kind: 'matched', recordId: 'f', by: 'author-year' })
    expect(matchFileName('Nguyen 2019.pdf', records)).toEqual({ kind: 'matched', recordId: 'a', by: 'author-year' })
    expect(matchFileName('Smith 2020.pdf', records)).toEqual({ kind: 'ambiguous', recordIds: ['d', 'e'] })
    expect(matchFileName('Smith 2016.pdf', records)).toEqual({ kind: 'none' })
  })

  it('does not take a near miss for a match', () => {
    const others: FileCandidate[] = [
      { id: 'p', doi: '10.1136/bmj.m132', pmid: '', title: 'Diagnostic accuracy of MRI in prostate cancer', authors: ['Jones, P.'], year: 2021 },
      { id: 'y', doi: '', pmid: '', title: 'Hepcidin and ferritin in blood donors', authors: ['Young, R.'], year: 2020 },
    ]
    // a DOI inside a longer one
    expect(matchFileName('10.1136_bmj.m1328.pdf', others)).toEqual({ kind: 'none' })
    // a title that begins alike and then goes its own way
    expect(matchFileName('Jones - 2021 - Diagnostic accuracy of MRI for liver fibrosis.pdf', others)).toEqual({ kind: 'none' })
    // a surname that is a word of the title, not the author beside the year
    expect(matchFileName('Smith - 2020 - Iron overload in young adults.pdf', others)).toEqual({ kind: 'none' })
    expect(matchFileName('2020 Young.pdf', others)).toEqual({ kind: 'matched', recordId: 'y', by: 'author-year' })
  })

  it('leaves names that say nothing, and two files for one record, to a person', () => {
    expect(matchFileName('scan0001.pdf', records)).toEqual({ kind: 'none' })
    expect(matchFileName('.pdf', records)).toEqual({ kind: 'none' })
    expect(matchFileName('%E0%A4%A.pdf', records)).toEqual({ kind: 'none' })
    expect(matchFileNames(['PMID31234567.pdf', 'Nguyen 2019 supplement.pdf', '29876543.pdf'], records)).toEqual([
      { kind: 'ambiguous', recordIds: ['a'] },
      { kind: 'ambiguous', recordIds: ['a'] },
      { kind: 'matched', recordId: 'c', by: 'pmid' },
    ])
  })
})
