import { describe, expect, it } from 'vitest'
import { writeRis } from '@/core/citations/ris-writer'
import { parseCitations } from '@/core/citations/parse-citations'

describe('writing RIS', () => {
  it('writes records that Ferrite’s own parser reads back field for field', () => {
    const records = [
      {
        title: 'Deep learning for liver iron\non MRI',
        authors: ['Okafor, N.', 'Rossi, A.'],
        year: 2021,
        journal: 'Radiology',
        volume: '301',
        issue: '2',
        pages: '100-108',
        doi: '10.1148/radiol.2021201234',
        abstract: 'Background. Methods.',
      },
      { title: 'Second study', year: null },
    ]
    const text = writeRis(records)
    expect(text.startsWith('TY  - JOUR\r\nTI  - Deep learning for liver iron on MRI\r\nAU  - Okafor, N.')).toBe(true)
    const back = parseCitations(text)
    expect(back.format).toBe('ris')
    expect(back.errors).toEqual([])
    expect(back.records.map((r) => [r.title, r.authors, r.year, r.journal, r.doi, r.pages])).toEqual([
      ['Deep learning for liver iron on MRI', ['Okafor, N.', 'Rossi, A.'], 2021, 'Radiology', '10.1148/radiol.2021201234', '100-108'],
      ['Second study', [], null, '', '', ''],
    ])
  })
})
