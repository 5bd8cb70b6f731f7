'use client'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { VotesOverTime } from '@/server/services/screening/activity'
import { formatDay } from '@/lib/format'
import { axisStyle, chartColours, gridColour } from './chart-theme'

/** Each reviewer's votes so far, day by day: who is screening, and how fast. */
export function VotesOverTimeChart({ data }: { data: VotesOverTime }) {
  if (data.days.length === 0) return <p className="text-ui text-stone-600">No votes yet.</p>
  return (
    <figure aria-label="Votes cast by each reviewer over time" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data.days} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={gridColour} vertical={false} />
          <XAxis dataKey="day" tick={axisStyle} tickFormatter={(d: string) => formatDay(d)} minTickGap={24} />
          <YAxis tick={axisStyle} allowDecimals={false} width={44} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.reviewers.map((r, i) => (
            <Line key={r.id} type="monotone" dataKey={r.id} name={r.name} stroke={chartColours[i % chartColours.length]} strokeWidth={2} dot={data.days.length < 30} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}
