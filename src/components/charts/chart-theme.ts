/** Colours and sizes the interactive charts share (the publication figures have their own, in src/core/plots). */
export const chartColours = ['#195a5e', '#b45309', '#7c3aed', '#be123c', '#0369a1', '#4d7c0f', '#a16207', '#334155']
export const axisStyle = { fontSize: 12, fill: '#57534e' }
export const gridColour = '#e7e5e4'
