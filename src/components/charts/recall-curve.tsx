'use client'
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { RecallPoint } from '@/server/services/screening/activity'
import { formatPercent } from '@/lib/format'
import { axisStyle, gridColour } from './chart-theme'

/**
 * The stopping estimate as screening went on: estimated recall and its lower bound (the hypergeometric
 * test's), against the records screened, with the team's recall target.
 */
export function RecallCurve({ points, target }: { points: RecallPoint[]; target: number }) {
  if (points.length < 2) return <p className="text-ui text-stone-600">The curve appears after a few retrainings of the model.</p>
  const data = points.map((p) => ({ ...p, band: p.estimatedRecall !== null && p.recallLowerBound !== null ? [p.recallLowerBound, p.estimatedRecall] : null }))
  return (
    <figure aria-label="Estimated recall as screening went on" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={gridColour} vertical={false} />
          <XAxis
            dataKey="screened"
            type="number"
            tick={axisStyle}
            domain={['dataMin', 'dataMax']}
            label={{ value: 'Records screened', position: 'insideBottom', offset: -2, fontSize: 12 }}
            height={36}
          />
          <YAxis domain={[0, 1]} tick={axisStyle} tickFormatter={(v: number) => formatPercent(v)} width={44} />
          <Tooltip
            formatter={(v) => (Array.isArray(v) ? `${formatPercent(Number(v[0]))} to ${formatPercent(Number(v[1]))}` : formatPercent(Number(v)))}
            labelFormatter={(v) => `${v} records screened`}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={target} stroke="#b45309" strokeDasharray="4 3" label={{ value: `target ${formatPercent(target)}`, position: 'insideTopLeft', fontSize: 11, fill: '#b45309' }} />
          <Area type="stepAfter" dataKey="band" name="Lower bound to estimate" fill="#195a5e" fillOpacity={0.15} stroke="none" isAnimationActive={false} />
          <Line type="stepAfter" dataKey="estimatedRecall" name="Estimated recall" stroke="#195a5e" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  )
}
