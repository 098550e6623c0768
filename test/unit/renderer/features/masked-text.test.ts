import { describe, expect, it } from 'vitest'
import { maskedForScreen } from '../../../../src/renderer/features/incidents/masked-text'

describe('text shown on screen', () => {
  it('is masked, the same each time it is shown', () => {
    const text = 'PGPASSWORD=hunter2 psql -h db'
    expect(maskedForScreen(text)).toBe('PGPASSWORD=•••••• psql -h db')
    expect(maskedForScreen(text)).toBe('PGPASSWORD=•••••• psql -h db')
  })

  it('stays masked after many other texts were shown (the oldest are forgotten)', () => {
    for (let i = 0; i < 30_000; i++) maskedForScreen(`note ${i} token: t${i}`)
    expect(maskedForScreen('note 0 token: t0')).toBe('note 0 token: ••••••')
    expect(maskedForScreen('note 29999 token: t29999')).toBe('note 29999 token: ••••••')
  })
})
