/**
 * Ovid's tagged export, from files built after Ovid's MEDLINE and Embase field guides and the
 * quirks of real exports: the search strategy Ovid writes above the records, "<N. >" markers, CRLF,
 * Embase's structured abstracts on unindented lines, wrapped values indented by six spaces, the DOI
 * as a dx.doi.org URL, UI (MEDLINE's PMID) and AN (Embase's accession number), and SO sources in
 * each database's form.
 */
import { describe, expect, it } from 'vitest'
import { detectCitationFormat } from '@/core/citations/detect-format'
import { compactDedupeRecord, findDuplicates } from '@/core/citations/dedupe'
import { MedlineParser } from '@/core/citations/medline-parser'
import { OvidParser, parseOvidSource } from '@/core/citations/ovid-parser'
import { parseCitations } from '@/core/citations/parse-citations'

const medline = [
  'Database: Ovid MEDLINE(R) ALL <1946 to December 04, 2026>',
  'Search Strategy:',
  '--------------------------------------------------------------------------------',
  '1     exp Iron Overload/ (21874)',
  '2     (machine learning or deep learning).mp. (301245)',
  '3     1 and 2 (112)',
  '***************************',
  '',
  '<1. >',
  'VN  - Ovid Technologies',
  'DB  - Ovid MEDLINE(R) ALL',
  'UI  - 33125001',
  'AU  - Jensen PD',
  'AU  - Nielsen AB',
  'FA  - Jensen, Peter D',
  'FA  - Nielsen, Anne B',
  'IN  - Department of Radiology, Aarhus University Hospital, Denmark.',
  'TI  - Deep learning for liver iron concentration from multi-echo MRI: a multicentre',
  '      validation. [Review]',
  'SO  - Journal of Magnetic Resonance Imaging. 53(2):512-524, 2021 Feb.',
  'AB  - BACKGROUND: R2* relaxometry estimates liver iron concentration (LIC). We trained a',
  '      convolutional network on 1,204 examinations.',
  'AB  - A second abstract value is ignored.',
  'MH  - *Iron Overload/dg [Diagnostic Imaging]',
  'MH  - Humans',
  'MH  - *Deep Learning',
  'KW  - R2*; liver iron; deep learning',
  'IS  - 1053-1807',
  'PT  - Journal Article',
  'PT  - Review',
  'LG  - English',
  'DO  - http://dx.doi.org/10.1002/JMRI.27401',
  'YR  - 2021',
  'XL  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=medl&AN=33125001',
  '',
  '<2. >',
  'VN  - Ovid Technologies',
  'DB  - Ovid MEDLINE(R) ALL',
  'UI  - 34012345',
  'AU  - Okafor C',
  'TI  - Proceedings of the National Academy of Sciences lookalike source',
  'SO  - Proceedings of the National Academy of Sciences of the United States of America. 118(21), 2021 05 25.',
  'LG  - English',
  '',
].join('\r\n')

const embase = [
  '<1. >',
  'VN  - Ovid Technologies',
  'DB  - Embase',
  'AN  - 2011234567',
  'PM  - 33125001',
  'AU  - Jensen P.D.',
  'AU  - Nielsen A.B.',
  'TI  - Deep learning for liver iron concentration from multi-echo MRI: a multicentre validation',
  'SO  - Journal of Magnetic Resonance Imaging. 53 (2) (pp 512-524), 2021. Date of Publication: February 2021.',
  'AB  - Objective(s): To validate a network that estimates LIC from R2* maps.',
  'Method(s): 1,204 examinations from four centres; reference standard: biopsy.',
  'Result(s): Bland-Altman bias 0.3 mg Fe/g, limits of agreement -2.1 to 2.7.',
  'Conclusion(s): Deep learning estimates LIC as biopsy does. Copyright (C) 2021 Wiley',
  '      Periodicals LLC.',
  'SH  - *iron overload / diagnosis',
  'SH  - nuclear magnetic resonance imaging',
  'KW  - deep learning',
  'LG  - English',
  'PT  - Article',
  'IS  - 1053-1807 (ISSN print)',
  'DO  - https://dx.doi.org/10.1002/jmri.27401',
  '',
  '<2. >',
  'VN  - Ovid Technologies',
  'DB  - Embase',
  'AN  - 636000001',
  'AU  - Moreau L.',
  'TI  - Iron quantification in thalassaemia by R2* MRI',
  'SO  - European Radiology. 31(5) (pp 2984-2994), 2021. Date of Publication: May 2021.',
  'DE  - Aranei: checklist.',
  '',
  '      Pisces: care in captivity.',
  'DI  - 10.1007/s00330-020-07401-9',
  '',
].join('\n')

function run(text: string) {
  const parser = new OvidParser()
  const records = [...parser.push(text), ...parser.end()]
  return { records, warnings: parser.warnings, errors: parser.errors }
}

describe('Ovid tagged exports', () => {
  it('are recognised by their "<N. >" markers, also behind a search strategy and with CRLF', () => {
    expect(detectCitationFormat(medline)).toBe('ovid')
    expect(detectCitationFormat(embase)).toBe('ovid')
    expect(detectCitationFormat('VN  - Ovid Technologies\nDB  - Embase\nTI  - x\n')).toBe('ovid')
    // a PubMed export and Ovid's RIS with "1." number lines stay what they are
    expect(detectCitationFormat('PMID- 1\nTI  - x\n')).toBe('medline')
    expect(detectCitationFormat('1.\nTY  - JOUR\nTI  - x\nER  - \n')).toBe('ris')
  })

  it('read Ovid MEDLINE fully: wrapped lines, full author names, the PMID from UI, the DOI from its URL', () => {
    const { records, warnings, errors } = run(medline)
    expect(errors).toEqual([])
    expect(warnings).toEqual([{ line: 1, message: 'lines 1–7 before the first record (a search strategy or title page) ignored' }])
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      title: 'Deep learning for liver iron concentration from multi-echo MRI: a multicentre validation.',
      authors: ['Jensen, Peter D', 'Nielsen, Anne B'],
      year: 2021,
      journal: 'Journal of Magnetic Resonance Imaging',
      volume: '53',
      issue: '2',
      pages: '512-524',
      doi: '10.1002/jmri.27401',
      pmid: '33125001',
      sourceId: '33125001',
      abstract: 'BACKGROUND: R2* relaxometry estimates liver iron concentration (LIC). We trained a convolutional network on 1,204 examinations.',
      keywords: ['R2*', 'liver iron', 'deep learning', 'Iron Overload/dg [Diagnostic Imaging]', 'Humans', 'Deep Learning'],
      issn: '1053-1807',
      type: 'Journal Article',
      language: 'English',
      line: 9,
    })
    expect(records[1]).toMatchObject({ journal: 'Proceedings of the National Academy of Sciences of the United States of America', volume: '118', issue: '21', pages: '', year: 2021, line: 36 })
  })

  it('read Embase fully: the structured abstract keeps its paragraphs, AN is the accession number, PM the PMID', () => {
    const { records, warnings, errors } = run(embase)
    expect(errors).toEqual([])
    expect(warnings).toEqual([])
    expect(records).toHaveLength(2)
    expect(records[0]?.abstract).toBe(
      [
        'Objective(s): To validate a network that estimates LIC from R2* maps.',
        'Method(s): 1,204 examinations from four centres; reference standard: biopsy.',
        'Result(s): Bland-Altman bias 0.3 mg Fe/g, limits of agreement -2.1 to 2.7.',
        'Conclusion(s): Deep learning estimates LIC as biopsy does. Copyright (C) 2021 Wiley Periodicals LLC.',
      ].join('\n'),
    )
    expect(records[0]).toMatchObject({
      authors: ['Jensen, P.D.', 'Nielsen, A.B.'],
      year: 2021,
      journal: 'Journal of Magnetic Resonance Imaging',
      volume: '53',
      issue: '2',
      pages: '512-524',
      doi: '10.1002/jmri.27401',
      pmid: '33125001',
      sourceId: '2011234567',
      keywords: ['deep learning', 'iron overload / diagnosis', 'nuclear magnetic resonance imaging'],
      issn: '1053-1807',
    })
    expect(records[1]).toMatchObject({ journal: 'European Radiology', volume: '31', issue: '5', pages: '2984-2994', doi: '10.1007/s00330-020-07401-9', pmid: '', sourceId: '636000001' })
  })

  it('lost the abstract and the DOI when read as MEDLINE (what Ferrite did before)', () => {
    const parser = new MedlineParser()
    const asMedline = [...parser.push(embase), ...parser.end()]
    expect(asMedline[0]?.abstract).toMatch(/^Objective\(s\): To validate a network that estimates LIC from R2\* maps\./)
    expect(asMedline[0]?.abstract).not.toContain('Method(s)')
    expect(asMedline[0]?.doi).toBe('')
    expect(parser.warnings.filter((w) => w.message.includes('neither a MEDLINE tag nor a continuation')).length).toBeGreaterThan(2)
  })

  it('give the same record from Ovid MEDLINE and Embase, found as duplicates by DOI and PMID', () => {
    const fromMedline = parseCitations(medline)
    const fromEmbase = parseCitations(embase)
    expect(fromMedline.format).toBe('ovid')
    const { groups } = findDuplicates([...fromMedline.records, ...fromEmbase.records].map(compactDedupeRecord))
    expect(groups.map((g) => ({ members: g.members, reason: g.reason }))).toEqual([{ members: [0, 2], reason: 'doi' }])
  })

  it('refuse a file without a record, and end a record at a blank line when there are no markers', () => {
    const empty = run('Database: Embase\nSearch Strategy:\n')
    expect(empty.records).toEqual([])
    expect(empty.errors).toEqual([{ line: 1, message: 'no ovid records found' }])
    const unmarked = run('VN  - Ovid Technologies\nTI  - First\n\nVN  - Ovid Technologies\nTI  - Second\n')
    expect(unmarked.records.map((r) => r.title)).toEqual(['First', 'Second'])
  })
})

describe("Ovid's SO field", () => {
  it.each([
    ['Journal of Magnetic Resonance Imaging. 53(2):512-524, 2021 Feb.', ['Journal of Magnetic Resonance Imaging', '53', '2', '512-524', 2021]],
    ['European Radiology. 30 (5) (pp 2723-2731), 2020. Date of Publication: 01 May 2020.', ['European Radiology', '30', '5', '2723-2731', 2020]],
    ['Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.', ['Forest Ecology & Management', '201', '2-3', '327-334', 2004]],
    ['Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653', ['Acta Biochimica et Biophysica Sinica', '43', '8', '647-653', 2011]],
    ['Radiology. 295:e123, 2020.', ['Radiology', '295', '', 'e123', 2020]],
    ['Conference abstract: ISMRM 2022 annual meeting', ['', '', '', '', 2022]],
  ])('%s', (source, [journal, volume, issue, pages, year]) => {
    expect(parseOvidSource(source)).toEqual({ journal, volume, issue, pages, year })
  })
})
