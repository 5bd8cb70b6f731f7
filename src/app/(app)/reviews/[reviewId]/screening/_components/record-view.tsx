import { HighlightedText } from '@/components/highlighted-text'

export interface RecordFields {
  title: string
  abstract: string
  authors: string[]
  journal: string
  year: number | null
  keywords: string[]
  doi: string
  pmid: string
  volume?: string
  issue?: string
  pages?: string
  publicationType?: string
}

/** One record as a reviewer reads it: title, authors, source, abstract and keywords, with highlighting. */
export function RecordView({ record, include, exclude }: { record: RecordFields; include: readonly string[]; exclude: readonly string[] }) {
  const citation = [record.journal, record.year, record.volume && `${record.volume}${record.issue ? `(${record.issue})` : ''}`, record.pages].filter(Boolean).join(' · ')
  return (
    <article aria-labelledby="record-title" className="space-y-3">
      <h2 id="record-title" className="text-display leading-snug font-semibold text-stone-900">
        <HighlightedText text={record.title || '(no title)'} include={include} exclude={exclude} />
      </h2>
      <p className="text-ui text-stone-700">{record.authors.length ? record.authors.join('; ') : 'No authors listed'}</p>
      <p className="text-ui text-stone-600">
        {citation || 'No source details'}
        {record.doi ? (
          <>
            {' · '}
            <a className="text-accent-700 underline underline-offset-2" href={`https://doi.org/${record.doi}`} target="_blank" rel="noreferrer noopener">
              doi:{record.doi}
            </a>
          </>
        ) : null}
        {record.pmid ? (
          <>
            {' · '}
            <a className="text-accent-700 underline underline-offset-2" href={`https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`} target="_blank" rel="noreferrer noopener">
              PMID {record.pmid}
            </a>
          </>
        ) : null}
      </p>
      <div className="max-w-[75ch] text-[14.5px] leading-relaxed whitespace-pre-line text-stone-900">
        {record.abstract ? <HighlightedText text={record.abstract} include={include} exclude={exclude} /> : <span className="text-stone-500 italic">No abstract in the export.</span>}
      </div>
      {record.keywords.length ? (
        <p className="text-ui text-stone-600">
          <span className="font-medium text-stone-700">Keywords: </span>
          <HighlightedText text={record.keywords.join('; ')} include={include} exclude={exclude} />
        </p>
      ) : null}
    </article>
  )
}
