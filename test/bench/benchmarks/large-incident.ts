import type { Page } from '@playwright/test'
import { TIMING_MARKS as MARKS } from '../../../src/shared/timing-marks'
import type { Benchmark } from '../harness'
import { declareBenchIncident, openAppSession, type AppSession } from '../app-session'

const LARGE_EVENT_COUNT = 10_000

/** Adds events to an incident straight into IndexedDB (as if recorded over a long incident). */
async function seedEvents(page: Page, incidentId: string, count: number): Promise<void> {
  await page.evaluate(
    ({ incidentId, count }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('war-room')
        open.onerror = () => fail(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('events', 'readwrite')
          const store = tx.objectStore('events')
          const start = Date.now() - count * 1000
          const kinds = ['note', 'checklist', 'role', 'command', 'stage']
          for (let i = 0; i < count; i++) {
            store.add({
              incidentId,
              at: start + i * 1000,
              recordedAt: start + i * 1000,
              kind: kinds[i % kinds.length],
              action: 'bench.event',
              summary: `Event ${i}: ${'observation '.repeat(1 + (i % 5))}`,
              actor: 'Bench',
              refId: null,
            })
          }
          tx.oncomplete = () => {
            open.result.close()
            done()
          }
          tx.onerror = () => fail(tx.error)
        }
      }),
    { incidentId, count },
  )
}

async function openIncident(page: Page, incidentId: string): Promise<void> {
  await page.evaluate(
    (id) =>
      new Promise<void>((done) => {
        const open = indexedDB.open('war-room')
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite')
          tx.objectStore('settings').put({ key: 'open-incident', value: id })
          tx.oncomplete = () => {
            open.result.close()
            done()
          }
        }
      }),
    incidentId,
  )
  await page.reload()
  await page.waitForFunction(
    (name) => performance.getEntriesByName(name).length > 0,
    MARKS.timelinePainted,
  )
}

const marks = (page: Page) =>
  page.evaluate((m) => {
    const at = (name: string) => performance.getEntriesByName(name)[0]!.startTime
    return {
      load: at(m.recordLoaded) - at(m.recordLoadStart),
      paint: at(m.timelinePainted) - at(m.recordLoaded),
    }
  }, MARKS)

const VARIANTS = {
  small: 'incident with 3 events',
  large: `incident with ${LARGE_EVENT_COUNT} events`,
}

function largeIncident(
  name: string,
  description: string,
  metric: Benchmark['metric'],
  measure: (page: Page) => Promise<number | number[]>,
): Benchmark {
  let session: AppSession
  const ids: Record<string, string> = {}
  return {
    name,
    description,
    metric,
    variants: [VARIANTS.small, VARIANTS.large],
    async setup() {
      session = await openAppSession()
      ids[VARIANTS.small] = await declareBenchIncident(session.page, 'Small incident')
      await session.page.getByRole('button', { name: 'All incidents' }).click()
      ids[VARIANTS.large] = await declareBenchIncident(session.page, 'Large incident')
      await seedEvents(session.page, ids[VARIANTS.large]!, LARGE_EVENT_COUNT)
    },
    async measure(variant) {
      await openIncident(session.page, ids[variant]!)
      return measure(session.page)
    },
    teardown: () => session?.close(),
  }
}

export const incidentLoadBenchmark = () =>
  largeIncident(
    'incident-load',
    'reading an incident record from IndexedDB (persistent profile)',
    { name: 'record load', unit: 'ms', better: 'lower', target: { median: 300 } },
    async (page) => (await marks(page)).load,
  )

export const timelineMountBenchmark = () =>
  largeIncident(
    'timeline-mount',
    'timeline mounted and painted after the record loaded',
    {
      name: 'record loaded → timeline painted',
      unit: 'ms',
      better: 'lower',
      target: { median: 50 },
    },
    async (page) => (await marks(page)).paint,
  )

export const timelineScrollBenchmark = () =>
  largeIncident(
    'timeline-scroll',
    'longest frame while scrolling the timeline (400 px a frame, 120 frames)',
    { name: 'longest frame', unit: 'ms', better: 'lower', target: { median: 50, p95: 50 } },
    async (page) => {
      // Scroll once start-up work (terminal, host connection) is over: measure scrolling.
      await page.getByRole('region', { name: 'Terminal' }).getByText('Live').waitFor()
      // The timeline opens at the latest event: start from the oldest and scroll down.
      await page.evaluate(() => {
        document.querySelector('[data-testid="timeline-scroller"]')!.scrollTop = 0
      })
      await page.waitForTimeout(500)
      return page.evaluate(
        () =>
          new Promise<number>((done) => {
            const scroller = document.querySelector('[data-testid="timeline-scroller"]')!
            let last = performance.now()
            let longest = 0
            let frames = 0
            const step = (now: number) => {
              longest = Math.max(longest, now - last)
              last = now
              scroller.scrollTop += 400
              if (++frames < 120) requestAnimationFrame(step)
              else done(longest)
            }
            requestAnimationFrame((now) => {
              last = now
              requestAnimationFrame(step)
            })
          }),
      )
    },
  )
