import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tickItem } from '../../../../src/shared/incident/checklist-acts'
import { WarRoomDatabase } from '../../../../src/renderer/db/database'
import { loadIncidentRecord } from '../../../../src/renderer/db/record-reader'
import { createAppStore } from '../../../../src/renderer/stores/app-store'

const dbs: WarRoomDatabase[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

function declaration(title: string) {
  return {
    title,
    severity: 'SEV2' as const,
    observed: '500s',
    impactStartedAt: null,
    leaderName: 'Alice',
    leaderTeam: 'SRE',
  }
}

async function setup() {
  const db = new WarRoomDatabase(`store-test-${Math.random().toString(36).slice(2)}`)
  dbs.push(db)
  const store = createAppStore()
  await store.getState().initRecord(db)
  await store.getState().declare({
    title: 'Checkout down',
    severity: 'SEV2',
    observed: '500s',
    impactStartedAt: null,
    leaderName: 'Alice',
    leaderTeam: 'SRE',
  })
  return { db, store }
}

const quotaError = () =>
  Object.assign(new Error('Transaction aborted'), {
    name: 'AbortError',
    inner: { name: 'QuotaExceededError' },
  })

describe('record store', () => {
  it('saves a declared incident and reopens it after a restart', async () => {
    const { db, store } = await setup()
    const id = store.getState().record!.incident.id
    expect(store.getState().record!.events.map((e) => e.action)).toEqual([
      'incident.declared',
      'role.assigned',
    ])

    const restarted = createAppStore()
    await restarted.getState().initRecord(db)
    expect(restarted.getState().record?.incident.id).toBe(id)
    expect(restarted.getState().record?.checklist.length).toBeGreaterThan(20)
  })

  it('records the operator as the one who ticked', async () => {
    const { db, store } = await setup()
    const item = store.getState().record!.checklist[0]!
    await store.getState().act((c) => tickItem(c, item))
    const saved = await loadIncidentRecord(db, item.incidentId)
    expect(saved!.checklist.find((i) => i.id === item.id)).toMatchObject({ checkedBy: 'Alice' })
  })

  it('keeps a change on screen when storage is full, says so, and saves it on retry', async () => {
    const { db, store } = await setup()
    const item = store.getState().record!.checklist[0]!
    const spy = vi
      .spyOn(db, 'transaction')
      .mockImplementationOnce((() =>
        Promise.reject(quotaError())) as unknown as typeof db.transaction)
    await store.getState().act((c) => tickItem(c, item))
    spy.mockRestore()

    const state = store.getState()
    expect(state.storageError).toMatch(/Storage is full/)
    expect(state.unsaved).toHaveLength(1)
    expect(state.record!.checklist.find((i) => i.id === item.id)!.checkedAt).not.toBeNull()
    expect((await db.checklist.get(item.id))!.checkedAt).toBeNull()

    await store.getState().retryUnsaved()
    expect(store.getState().unsaved).toEqual([])
    expect(store.getState().storageError).toBeNull()
    expect((await db.checklist.get(item.id))!.checkedAt).not.toBeNull()
  })

  it('keeps a pin on screen when storage is full and saves it on retry', async () => {
    const { db, store } = await setup()
    const seq = store.getState().record!.events[0]!.seq!
    const spy = vi
      .spyOn(db, 'transaction')
      .mockImplementationOnce((() =>
        Promise.reject(quotaError())) as unknown as typeof db.transaction)
    await store.getState().togglePin(seq)
    spy.mockRestore()
    expect(store.getState().record!.pinned.has(seq)).toBe(true)
    expect(store.getState().unsaved).toHaveLength(1)
    expect(await db.pins.count()).toBe(0)

    await store.getState().retryUnsaved()
    expect(await db.pins.count()).toBe(1)
    await store.getState().togglePin(seq)
    expect(store.getState().record!.pinned.has(seq)).toBe(false)
    expect(await db.pins.count()).toBe(0)
  })

  it('saves a note as it is typed, then adds it to the timeline', async () => {
    const { db, store } = await setup()
    const draft = store.getState().startDraft('hypothesis')!
    store.getState().typeNote(draft.id, 'DB pool')
    store.getState().typeNote(draft.id, 'DB pool exhausted')
    expect(store.getState().typing[draft.id]).toBe('saving')
    await store.getState().flushTyping()
    expect(store.getState().typing[draft.id]).toBe('saved')
    expect(await db.notes.get(draft.id)).toMatchObject({ text: 'DB pool exhausted', draft: true })

    await store.getState().submitNote(draft.id)
    expect(await db.notes.get(draft.id)).toMatchObject({ draft: false, revision: 1 })
    expect(store.getState().record!.events.at(-1)!.summary).toBe('Hypothesis: DB pool exhausted')
  })

  it('keeps a submitted note when the next one is typed before the save is done', async () => {
    const { db, store } = await setup()
    const first = store.getState().startDraft('fact')!
    store.getState().typeNote(first.id, 'CI log shows the key in clear')
    const submitted = store.getState().submitNote(first.id)
    // Typed at once after Enter, while the first note is still being saved.
    const next = store.getState().startDraft('fact')!
    store.getState().typeNote(next.id, 'Checked the replica')
    await submitted
    await store.getState().submitNote(next.id)

    expect(next.id).not.toBe(first.id)
    expect(await db.notes.get(first.id)).toMatchObject({
      text: 'CI log shows the key in clear',
      draft: false,
    })
    expect(await db.notes.get(next.id)).toMatchObject({ text: 'Checked the replica', draft: false })
    const summaries = store.getState().record!.events.map((e) => e.summary)
    expect(summaries).toContain('Fact: CI log shows the key in clear')
    expect(summaries).toContain('Fact: Checked the replica')
  })

  it('saves an incident declared while the database was still opening, and keeps it on screen', async () => {
    const db = new WarRoomDatabase(`store-test-${Math.random().toString(36).slice(2)}`)
    dbs.push(db)
    // Last time, another incident was open: a start resumes it, unless one is declared first.
    const earlier = createAppStore()
    await earlier.getState().initRecord(db)
    await earlier.getState().declare(declaration('Earlier incident'))
    const earlierId = earlier.getState().record!.incident.id

    const store = createAppStore()
    const declared = store.getState().declare(declaration('Declared while loading'))
    await store.getState().initRecord(db)
    await declared
    const id = store.getState().record!.incident.id

    expect(id).not.toBe(earlierId)
    expect(store.getState().record!.incident.title).toBe('Declared while loading')
    expect(store.getState().unsaved).toEqual([])
    expect(store.getState().pendingWrites).toBe(0)
    expect(store.getState().incidents.map((i) => i.id)).toContain(id)
    expect((await loadIncidentRecord(db, id))?.incident.title).toBe('Declared while loading')
    expect(await db.settings.get('open-incident')).toMatchObject({ value: id })
  })

  it('an incident declared while the last one is being resumed stays on screen and is the one resumed next', async () => {
    const { db, store: earlier } = await setup()
    const earlierId = earlier.getState().record!.incident.id

    const store = createAppStore()
    let declared: Promise<void> | null = null
    // Declared the moment the start begins reading the last incident's record.
    const stop = store.subscribe((state) => {
      if (state.openingIncidentId !== earlierId || declared) return
      declared = state.declare(declaration('Declared while resuming'))
    })
    await store.getState().initRecord(db)
    await declared
    stop()

    expect(declared).not.toBeNull()
    expect(store.getState().record!.incident.title).toBe('Declared while resuming')
    expect(store.getState().openingIncidentId).toBeNull()
    const id = store.getState().record!.incident.id
    expect(await db.settings.get('open-incident')).toMatchObject({ value: id })
    const restarted = createAppStore()
    await restarted.getState().initRecord(db)
    expect(restarted.getState().record!.incident.id).toBe(id)
  })

  it('an incident declared and left while the database opened is listed and not resumed', async () => {
    const db = new WarRoomDatabase(`store-test-${Math.random().toString(36).slice(2)}`)
    dbs.push(db)
    const store = createAppStore()
    const declared = store.getState().declare(declaration('Declared, then left'))
    const id = store.getState().record!.incident.id
    store.getState().showIncidentList()
    await store.getState().initRecord(db)
    await declared
    await store.getState().openedDatabase()

    expect(store.getState().record).toBeNull()
    expect(store.getState().incidents.map((i) => i.id)).toEqual([id])
    await expect.poll(async () => (await db.settings.get('open-incident'))?.value).toBeNull()
    const restarted = createAppStore()
    await restarted.getState().initRecord(db)
    expect(restarted.getState().record).toBeNull()
  })

  it('an incident whose record still loads when the list is shown does not open after all', async () => {
    const { db, store } = await setup()
    const id = store.getState().record!.incident.id
    store.getState().showIncidentList()
    const opening = store.getState().openIncident(id)
    store.getState().showIncidentList()
    await opening
    expect(store.getState().record).toBeNull()
    expect(store.getState().openingIncidentId).toBeNull()
    expect(await db.settings.get('open-incident')).toMatchObject({ value: null })
  })

  it('runs in memory and says why when IndexedDB cannot be opened', async () => {
    const store = createAppStore()
    await store.getState().initRecord(null, { name: 'MissingAPIError' })
    expect(store.getState().storeStatus).toBe('unavailable')
    expect(store.getState().storageError).toMatch(/unavailable/)
  })
})
