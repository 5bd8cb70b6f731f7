'use client'
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { EstimateHistory } from '@/server/services/publication/versions'
import { formatInterval } from '@/lib/format'
import { axisStyle, chartColours, gridColour } from './chart-theme'

/** One analysis's headline estimate in each published version, with its 95% confidence interval. */
export function EstimateHistoryChart({ history }: { history: EstimateHistory }) {
  const dta = history.kind === 'dta'
  const data = history.points.map((p) => ({
    version: `v${p.version}`,
    est: p.est,
    band: [p.lo, p.hi],
    spec: p.spec?.est,
    specBand: p.spec ? [p.spec.lo, p.spec.hi] : undefined,
    studies: p.studies,
    label: dta ? `sensitivity ${formatInterval(p.est, p.lo, p.hi)}, specificity ${formatInterval(p.spec!.est, p.spec!.lo, p.spec!.hi)}` : formatInterval(p.est, p.lo, p.hi, 3),
  }))
  return (
    <figure className="space-y-1">
      <figcaption className="text-ui font-medium">{history.name}</figcaption>
      <div className="h-48 w-full" role="img" aria-label={`${history.name}: ${data.map((d) => `${d.version} ${d.label} (${d.studies} studies)`).join('; ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={gridColour} vertical={false} />
            <XAxis dataKey="version" tick={axisStyle} />
            <YAxis tick={axisStyle} width={44} domain={dta ? [0, 1] : ['auto', 'auto']} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? `${Number(v[0]).toFixed(2)} to ${Number(v[1]).toFixed(2)}` : Number(v).toFixed(dta ? 2 : 3))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Area dataKey="band" name={dta ? 'Sensitivity 95% CI' : '95% CI'} fill={chartColours[0]} fillOpacity={0.15} stroke="none" isAnimationActive={false} />
            <Line dataKey="est" name={dta ? 'Sensitivity' : 'Estimate'} stroke={chartColours[0]} strokeWidth={2} isAnimationActive={false} />
            {dta ? <Area dataKey="specBand" name="Specificity 95% CI" fill={chartColours[1]} fillOpacity={0.15} stroke="none" isAnimationActive={false} /> : null}
            {dta ? <Line dataKey="spec" name="Specificity" stroke={chartColours[1]} strokeWidth={2} isAnimationActive={false} /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
