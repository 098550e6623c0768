import { useEffect, useState, type MouseEvent } from 'react'

type Render = (markdown: string) => string

let renderer: Promise<Render> | null = null

/** markdown-it, loaded on first use (not on the critical path), raw HTML off. */
function loadRenderer(): Promise<Render> {
  renderer ??= import('markdown-it').then(({ default: MarkdownIt }) => {
    const md = new MarkdownIt({ html: false, linkify: false })
    return (markdown: string) => md.render(markdown)
  })
  return renderer
}

/**
 * Past this size the preview stops at a section boundary: rendering a 10,000-event
 * timeline to HTML and into the page froze it for over half a second on every refresh.
 * The download and the copy always hold the whole document.
 */
export const PREVIEW_MAX_CHARS = 150_000

export function previewPart(markdown: string): { shown: string; cut: boolean } {
  if (markdown.length <= PREVIEW_MAX_CHARS) return { shown: markdown, cut: false }
  const head = markdown.slice(0, PREVIEW_MAX_CHARS)
  const boundary = Math.max(head.lastIndexOf('\n## '), head.lastIndexOf('\n### '))
  return { shown: head.slice(0, boundary > 0 ? boundary : head.lastIndexOf('\n\n')), cut: true }
}

/** The postmortem as a Markdown viewer shows it. Links are shown, not followed. */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    const { shown, cut } = previewPart(markdown)
    const note = cut
      ? `\n\n---\n\n_The preview stops here; the downloaded or copied document holds all ${Math.round(markdown.length / 1000)} KB._\n`
      : ''
    void loadRenderer().then((render) => !cancelled && setHtml(render(shown + note)))
    return () => {
      cancelled = true
    }
  }, [markdown])
  const stayHere = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('a')) event.preventDefault()
  }
  if (html === null) return <p className="placeholder">Rendering…</p>
  return (
    <article
      className="markdown-preview"
      aria-label="Postmortem preview"
      onClick={stayHere}
      // markdown-it escapes all text and drops raw HTML (html: false); links are not followed.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
