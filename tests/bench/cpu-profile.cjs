// Preloaded (NODE_OPTIONS=--require) into the server's processes by screening-load.bench.ts when
// FERRITE_BENCH_CPU_PROF is set: samples every 0.5 ms and writes <dir>/<pid>-<script>.cpuprofile at exit
// (open it in Chrome DevTools or speedscope).
const fs = require('node:fs')
const inspector = require('node:inspector')
const path = require('node:path')

const dir = process.env.FERRITE_CPU_PROFILE_DIR
if (dir) {
  const session = new inspector.Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 500 })
  session.post('Profiler.start')
  process.on('exit', () => {
    // the in-process inspector answers synchronously, so this runs before the process ends
    session.post('Profiler.stop', (error, result) => {
      if (error) return
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, `${process.pid}-${path.basename(process.argv[1] ?? 'node')}.cpuprofile`), JSON.stringify(result.profile))
    })
  })
}
