/**
 * SVG to PNG on the server (@resvg/resvg-js, no browser). resvg draws text only with the fonts it is
 * given, so the DejaVu faces the SVGs name are loaded explicitly: the PNG looks the same everywhere.
 */
import 'server-only'
import fs from 'node:fs'
import { Resvg } from '@resvg/resvg-js'

const fontDir = '/usr/share/fonts/truetype/dejavu'
const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `${fontDir}/${f}`).filter((f) => fs.existsSync(f))

/** Renders at twice the SVG's size, for sharp figures in documents. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  })
  return resvg.render().asPng()
}
