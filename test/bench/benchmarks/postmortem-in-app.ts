/**
 * The same export and import, in the production app in Chromium: the JSON backup imported
 * through the incident list (read, checked, chain verified, written to IndexedDB), then the
 * postmortem prepared in the closing view (command log read from IndexedDB, verified,
 * rendered with the record on screen).
 * Timed by the app's own performance marks; small vs large incident in the same session.
 */
import type { Page } from '@playwright/test'
import { serializeIncidentFile, toIncidentFile } from '../../../src/shared/export/incident-file'
import { TIMING_MARKS as MARKS } from '../../../src/shared/timing-marks'
import { fixtureIncident, T0 } from '../../support/incident-fixture'
import { openAppSession, type AppSession } from '../app-session'
import type { Benchmark } from '../harness'
import { summarize } from '../stats'

const VARIANTS = {
  small: 'small incident',
  large: 'incident of 10000 events, 500 commands, 1000 notes',
}

function backup(variant: string, round: number): { title: string; json: string } {
  const large = variant === VARIANTS.large
  const title = `${large ? 'Large' : 'Small'} incident ${round}`
  const snapshot = fixtureIncident({
    incidentId: `bench-${large ? 'large' : 'small'}-${round}`,
    rowIdPrefix: `${large ? 'large' : 'small'}-${round}-`,
    text: (field, index) => (field === 'title' ? title : `${field} ${index}: a | b *c* \`d\``),
    ...(large ? { events: 10_000, commands: 500, notes: 1_000, actionItems: 40 } : {}),
  })
  const file = toIncidentFile(snapshot, { now: T0, exportedBy: 'bench' })
  return { title, json: serializeIncidentFile(file) }
}

const lastSpan = (page: Page, start: string, end: string) =>
  page.evaluate(
    ([start, end]) => {
      const at = (name: string) => performance.getEntriesByName(name).at(-1)!.startTime
      return at(end) - at(start)
    },
    [start, end] as const,
  )

const markCount = (page: Page, name: string) =>
  page.evaluate((name) => performance.getEntriesByName(name).length, name)

async function importAndExport(page: Page, variant: string, round: number) {
  const { title, json } = backup(variant, round)
  const home = page.getByRole('button', { name: 'All incidents' })
  if (await home.isVisible()) await home.click()
  const imports = await markCount(page, MARKS.importDone)
  const input = page.getByLabel('Import incident (JSON)')
  await input.and(page.locator(':enabled')).waitFor()
  await input.setInputFiles({
    name: 'incident.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  })
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name).length > n, [
    MARKS.importDone,
    imports,
  ] as const)
  const importMs = await lastSpan(page, MARKS.importStart, MARKS.importDone)
  const checkedMs = await lastSpan(page, MARKS.importStart, MARKS.importChecked)

  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click()
  const exports = await markCount(page, MARKS.postmortemReady)
  await page.getByRole('tab', { name: 'Closing & postmortem' }).click()
  await page.waitForFunction(
    ([name, n]) => performance.getEntriesByName(name).length > n,
    [MARKS.postmortemReady, exports] as const,
    { timeout: 60_000 },
  )
  const exportMs = await lastSpan(page, MARKS.postmortemStart, MARKS.postmortemReady)
  await page.getByRole('tab', { name: 'Response' }).click()
  return { importMs, exportMs, checkedMs }
}

function inApp(
  name: string,
  description: string,
  metric: Benchmark['metric'],
  pick: 'importMs' | 'exportMs',
): Benchmark {
  let session: AppSession | undefined
  const checked: number[] = []
  const written: number[] = []
  return {
    name,
    description,
    metric,
    variants: [VARIANTS.small, VARIANTS.large],
    rounds: 7,
    async setup() {
      session = await openAppSession()
    },
    async measure(variant, { round }) {
      const spans = await importAndExport(session!.page, variant, round)
      if (variant === VARIANTS.large && round > 0) {
        checked.push(spans.checkedMs)
        written.push(spans.importMs - spans.checkedMs)
      }
      return spans[pick]
    },
    extraNotes: () =>
      pick === 'importMs'
        ? [
            `large incident, median ms: file read, checked and verified ${Math.round(summarize(checked).median)}; written to IndexedDB ${Math.round(summarize(written).median)}`,
          ]
        : [],
    teardown: () => session?.close() ?? Promise.resolve(),
  }
}

export const postmortemInAppBenchmark = () =>
  inApp(
    'postmortem-in-app',
    'postmortem prepared in the app: IndexedDB read, chain verified, Markdown rendered',
    {
      name: 'closing view → postmortem ready',
      unit: 'ms',
      better: 'lower',
      target: { median: 200, variant: VARIANTS.large },
    },
    'exportMs',
  )

export const importInAppBenchmark = () =>
  inApp(
    'import-in-app',
    'JSON backup imported in the app: file read, checked, verified, written to IndexedDB',
    {
      name: 'file chosen → incident stored',
      unit: 'ms',
      better: 'lower',
      target: { median: 500, variant: VARIANTS.large },
    },
    'importMs',
  )
