'use client'
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatNumber } from '@/lib/format'
import { axisStyle, chartColours, gridColour } from './chart-theme'

export interface StageAgreement {
  pair: string
  stage: 'Title & abstract' | 'Full text'
  kappa: number
  lo: number
  hi: number
}

/** Cohen's kappa of each pair of reviewers at each stage, with its 95% interval. */
export function AgreementByStage({ rows }: { rows: StageAgreement[] }) {
  const usable = rows.filter((r) => Number.isFinite(r.kappa))
  if (!usable.length) return <p className="text-ui text-stone-600">Agreement appears once two reviewers have voted on the same records.</p>
  const pairs = [...new Set(usable.map((r) => r.pair))]
  const data = pairs.map((pair) => {
    const at = (stage: StageAgreement['stage']) => usable.find((r) => r.pair === pair && r.stage === stage)
    const ta = at('Title & abstract')
    const ft = at('Full text')
    return { pair, ta: ta?.kappa, taErr: ta ? [ta.kappa - ta.lo, ta.hi - ta.kappa] : undefined, ft: ft?.kappa, ftErr: ft ? [ft.kappa - ft.lo, ft.hi - ft.kappa] : undefined }
  })
  return (
    <figure aria-label="Cohen's kappa per pair of reviewers and stage" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={gridColour} vertical={false} />
          <XAxis dataKey="pair" tick={axisStyle} />
          <YAxis domain={[-1, 1]} tick={axisStyle} width={40} />
          <Tooltip formatter={(v) => formatNumber(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={0} stroke="#a8a29e" />
          <Bar dataKey="ta" name="Title & abstract" fill={chartColours[0]} isAnimationActive={false}>
            <ErrorBar dataKey="taErr" width={4} stroke="#1c1917" />
          </Bar>
          <Bar dataKey="ft" name="Full text" fill={chartColours[1]} isAnimationActive={false}>
            <ErrorBar dataKey="ftErr" width={4} stroke="#1c1917" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}
