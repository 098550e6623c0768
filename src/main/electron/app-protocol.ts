import { join, normalize, relative, isAbsolute } from 'node:path'
import { readFile } from 'node:fs/promises'
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'

/** The renderer is served from app://warroom/ rather than file:// (no ambient file access). */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://warroom`

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`)
}

/** Maps an app:// request to a file inside the renderer folder; null if it would leave it. */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  const { host, pathname } = new URL(url)
  if (host !== 'warroom') return null
  const relativePath = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
  const file = normalize(join(rendererDir, relativePath))
  const inside = relative(rendererDir, file)
  if (inside.startsWith('..') || isAbsolute(inside)) return null
  return file
}

/** The protocol handler: renderer files with the CSP, nothing else. */
export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  const file = resolveAppPath(rendererDir, request.url)
  if (!file) return new Response('Forbidden', { status: 403 })
  try {
    const body = await readFile(file)
    const extension = file.slice(file.lastIndexOf('.'))
    return new Response(body, {
      headers: {
        'Content-Type': mimeTypes[extension] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
