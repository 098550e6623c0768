import { describe, expect, it } from 'vitest'
import {
  PREVIEW_MAX_CHARS,
  previewPart,
} from '../../../../src/renderer/features/postmortem/MarkdownPreview'
import { renderPostmortem } from '../../../../src/shared/postmortem/render-postmortem'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'

describe('the postmortem preview of a large incident', () => {
  it('shows a small document whole', () => {
    const md = renderPostmortem(fixtureIncident(), { preset: 'google-sre', now: T0 })
    expect(previewPart(md)).toEqual({ shown: md, cut: false })
  })

  it('stops a large one at a section boundary within the limit', () => {
    const md = renderPostmortem(fixtureIncident({ events: 10_000 }), {
      preset: 'google-sre',
      now: T0,
    })
    const { shown, cut } = previewPart(md)
    expect(cut).toBe(true)
    expect(shown.length).toBeLessThanOrEqual(PREVIEW_MAX_CHARS)
    expect(md.startsWith(shown)).toBe(true)
    expect(md.slice(shown.length)).toMatch(/^\n##+ /)
  })
})
