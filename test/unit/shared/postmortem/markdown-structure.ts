/**
 * Reads a Markdown document back with a real CommonMark parser (markdown-it, GFM tables)
 * and returns its outline: headings, tables (cells per row, text of each cell), list items
 * and code blocks. Tests compare outlines, so a string that broke the document would show.
 */
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'

const parser = new MarkdownIt('commonmark').enable('table').enable('strikethrough')

export interface Outline {
  headings: { level: number; text: string }[]
  tables: { rows: string[][] }[]
  fences: { info: string; content: string }[]
  /** Text of each list item, in document order (nested items included). */
  listItems: string[]
  /** Raw HTML blocks or inline HTML: there must never be any from user text. */
  html: string[]
}

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content
      if (child.type === 'softbreak' || child.type === 'hardbreak') return '\n'
      return ''
    })
    .join('')
}

export function outline(markdown: string): Outline {
  const tokens = parser.parse(markdown, {})
  const result: Outline = { headings: [], tables: [], fences: [], listItems: [], html: [] }
  let table: { rows: string[][] } | null = null
  let row: string[] | null = null
  for (const [index, token] of tokens.entries()) {
    switch (token.type) {
      case 'heading_open':
        result.headings.push({
          level: Number(token.tag.slice(1)),
          text: inlineText(tokens[index + 1]),
        })
        break
      case 'table_open':
        table = { rows: [] }
        result.tables.push(table)
        break
      case 'tr_open':
        row = []
        table?.rows.push(row)
        break
      case 'th_open':
      case 'td_open':
        row?.push(inlineText(tokens[index + 1]))
        break
      case 'fence':
      case 'code_block':
        result.fences.push({ info: token.info, content: token.content })
        break
      case 'list_item_open':
        result.listItems.push(inlineText(tokens[index + 2]))
        break
      case 'html_block':
        result.html.push(token.content)
        break
      case 'inline':
        for (const child of token.children ?? [])
          if (child.type === 'html_inline') result.html.push(child.content)
        break
    }
  }
  return result
}
