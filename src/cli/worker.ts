/**
 * `ferrite worker`: runs background jobs (retraining the prioritisation model, saved database searches and their schedule) in a process of its own,
 * so CPU-heavy work never stalls the web server. `npm start` starts one beside the web server; more can
 * run on other machines against the same database (pg-boss hands each job to one worker). It also
 * forgets ended sessions and old sign-in attempts every hour.
 */
import type { Command } from './command'
import { startRankingWorker } from '@/server/services/screening/ranking-jobs'
import { stopJobs } from '@/server/jobs/boss'
import { disconnectDb } from '@/server/db/client'
import { startMaintenance } from '@/server/services/maintenance'
import { startSearchWorker } from '@/server/services/searches/runs'

export const command: Command = {
  summary: 'Run the background job worker (model retraining, saved searches) until stopped',
  usage: 'worker',
  async run() {
    await startRankingWorker()
    const log = (line: string) => process.stderr.write(`${line}\n`)
    const stopSearches = await startSearchWorker(log)
    const stopMaintenance = startMaintenance(log)
    process.stderr.write('Background worker ready.\n')
    return new Promise<number>((resolve) => {
      const stop = async () => {
        stopMaintenance()
        stopSearches()
        await stopJobs()
        await disconnectDb()
        resolve(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  },
}
