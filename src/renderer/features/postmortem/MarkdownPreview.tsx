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

/** The postmortem as a Markdown viewer shows it. Links are shown, not followed. */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    void loadRenderer().then((render) => !cancelled && setHtml(render(markdown)))
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
