/**
 * The arithmetic a PRISMA 2020 flow diagram (Page et al., BMJ 2021;372:n71, Figure 1) must satisfy,
 * box by box, returned as human-readable problems (an empty list when the diagram adds up):
 *
 * 1. "Records identified from: Databases + Registers" − "Duplicate records removed" − "Records marked as
 *    ineligible by automation tools" − "Records removed for other reasons" = "Records screened".
 * 2. "Records screened" − "Records excluded" = "Reports sought for retrieval".
 * 3. "Reports sought for retrieval" − "Reports not retrieved" = "Reports assessed for eligibility".
 * 4. "Reports assessed for eligibility" − Σ "Reports excluded" (all reasons), plus the same for the
 *    other-methods column when present, = "Reports of (new) included studies".
 * 5. Other methods: Σ "Records identified from" (websites, organisations, citation searching...) =
 *    their "Reports sought for retrieval" (the template has no screening box in that column), and
 *    "Reports sought" − "Reports not retrieved" = "Reports assessed for eligibility".
 * 6. Every included study has at least one report: studies ≤ reports, and studies ≥ 1 when reports ≥ 1
 *    (for the new, the previous and the total counts).
 * 7. Updated reviews, when totals are recorded: "Total studies included in review" = "Studies included in
 *    previous version of review" + "New studies included in review", and likewise for reports (without a
 *    previous version the totals must equal the included counts).
 *
 * Counts that are not non-negative whole numbers are reported instead of the arithmetic (which would
 * be meaningless with them).
 *
 * Example: checkPrismaFlowCounts(counts) returns [] for a consistent diagram, or e.g.
 * ['Records screened (1,000) should be records identified (1,480) − duplicates (450) − automation (20) − other (5) = 1,005'].
 */
import { formatCount } from '../plots/svg-text'
import { malformedCountProblems, type PrismaFlowCounts, recordsIdentified, reportsExcludedTotal, sourcesTotal, type StudiesAndReports } from './prisma-flow-counts'

const c = formatCount

function studiesHaveReports(what: string, pair: StudiesAndReports): string[] {
  if (pair.studies > pair.reports) return [`${what}: ${c(pair.studies)} studies cannot have fewer reports (${c(pair.reports)}): every study has at least one report`]
  if (pair.reports > 0 && pair.studies === 0) return [`${what}: ${c(pair.reports)} reports but no studies: reports of included studies need an included study`]
  return []
}

export function checkPrismaFlowCounts(counts: PrismaFlowCounts): string[] {
  const malformed = malformedCountProblems(counts)
  if (malformed.length > 0) return malformed
  const problems: string[] = []
  const { identification: id, screening: s, included, previous, total, otherMethods: other } = counts

  const identified = recordsIdentified(counts)
  const afterRemoval = identified - id.duplicatesRemoved - id.automationRemoved - id.otherRemoved
  if (afterRemoval !== s.recordsScreened)
    problems.push(
      `Records screened (${c(s.recordsScreened)}) should be records identified (${c(identified)}) − duplicates (${c(id.duplicatesRemoved)}) − automation (${c(id.automationRemoved)}) − other (${c(id.otherRemoved)}) = ${c(afterRemoval)}`,
    )
  if (s.recordsScreened - s.recordsExcluded !== s.reportsSought)
    problems.push(
      `Reports sought for retrieval (${c(s.reportsSought)}) should be records screened (${c(s.recordsScreened)}) − records excluded (${c(s.recordsExcluded)}) = ${c(s.recordsScreened - s.recordsExcluded)}`,
    )
  if (s.reportsSought - s.reportsNotRetrieved !== s.reportsAssessed)
    problems.push(
      `Reports assessed for eligibility (${c(s.reportsAssessed)}) should be reports sought (${c(s.reportsSought)}) − not retrieved (${c(s.reportsNotRetrieved)}) = ${c(s.reportsSought - s.reportsNotRetrieved)}`,
    )

  let reportsIncluded = s.reportsAssessed - reportsExcludedTotal(s.reportsExcluded)
  let reportsRule = `reports assessed (${c(s.reportsAssessed)}) − reports excluded (${c(reportsExcludedTotal(s.reportsExcluded))})`
  if (other) {
    const sources = sourcesTotal(other.sources)
    if (sources !== other.reportsSought) problems.push(`Other methods: reports sought for retrieval (${c(other.reportsSought)}) should equal the records identified from other sources (${c(sources)})`)
    if (other.reportsSought - other.reportsNotRetrieved !== other.reportsAssessed)
      problems.push(
        `Other methods: reports assessed for eligibility (${c(other.reportsAssessed)}) should be reports sought (${c(other.reportsSought)}) − not retrieved (${c(other.reportsNotRetrieved)}) = ${c(other.reportsSought - other.reportsNotRetrieved)}`,
      )
    const otherExcluded = reportsExcludedTotal(other.reportsExcluded)
    reportsIncluded += other.reportsAssessed - otherExcluded
    reportsRule += ` + other methods' reports assessed (${c(other.reportsAssessed)}) − excluded (${c(otherExcluded)})`
  }
  const includedName = previous ? 'Reports of new included studies' : 'Reports of included studies'
  if (reportsIncluded !== included.reports) problems.push(`${includedName} (${c(included.reports)}) should be ${reportsRule} = ${c(reportsIncluded)}`)

  problems.push(...studiesHaveReports(previous ? 'New studies included' : 'Studies included', included))
  if (previous) problems.push(...studiesHaveReports('Studies included in previous version', previous))
  if (total) {
    problems.push(...studiesHaveReports('Total studies included', total))
    const base = previous ?? { studies: 0, reports: 0 }
    const rule = previous ? 'previous version' : 'no previous version'
    if (total.studies !== base.studies + included.studies)
      problems.push(`Total studies included in review (${c(total.studies)}) should be ${rule} (${c(base.studies)}) + new studies (${c(included.studies)}) = ${c(base.studies + included.studies)}`)
    if (total.reports !== base.reports + included.reports)
      problems.push(`Reports of total included studies (${c(total.reports)}) should be ${rule} (${c(base.reports)}) + new reports (${c(included.reports)}) = ${c(base.reports + included.reports)}`)
  }
  return problems
}
