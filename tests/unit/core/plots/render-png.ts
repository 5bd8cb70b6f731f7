/**
 * Renders SVG to PNG with @resvg/resvg-js as the server does (only the fonts it is given), for the
 * rendering tests; set FERRITE_PLOT_PNG_DIR to keep the PNGs for a visual check.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { DEJAVU_SANS, DEJAVU_SANS_BOLD } from './svg-test-helpers'

export interface RenderedPng {
  width: number
  height: number
  png: Buffer
  /** Share of pixels that are not (near) white. */
  ink: number
}

export function renderPng(svg: string, withFonts = true): RenderedPng {
  const fontFiles = withFonts ? [DEJAVU_SANS, DEJAVU_SANS_BOLD].filter((f) => existsSync(f)) : []
  const image = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } }).render()
  const pixels = image.pixels
  let inked = 0
  for (let i = 0; i < pixels.length; i += 4) {
    if ((pixels[i] as number) < 235 || (pixels[i + 1] as number) < 235 || (pixels[i + 2] as number) < 235) inked++
  }
  return { width: image.width, height: image.height, png: image.asPng(), ink: inked / (pixels.length / 4) }
}

export function keepPngIfAsked(name: string, png: Buffer): void {
  const dir = process.env.FERRITE_PLOT_PNG_DIR
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, `${name}.png`), png)
}
