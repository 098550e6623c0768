import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/** Env var that names the Chromium (or Chrome) binary to drive, overriding the search. */
export const CHROMIUM_ENV = 'WARROOM_CHROMIUM'

/** Flags for a machine with no GPU and no network beyond loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface FoundChromium {
  path: string
  source: string
}

function playwrightsOwn(): string | null {
  try {
    const path = chromium.executablePath()
    return path && existsSync(path) ? path : null
  } catch {
    return null
  }
}

/** Env var, then Debian's /usr/bin/chromium, then Playwright's own download. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium | null {
  const fromEnv = env[CHROMIUM_ENV]
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`${CHROMIUM_ENV}=${fromEnv} does not exist. Point it at a Chromium binary.`)
    }
    return { path: fromEnv, source: CHROMIUM_ENV }
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return { path, source: 'system Chromium' }
  }
  const own = playwrightsOwn()
  return own ? { path: own, source: "Playwright's Chromium" } : null
}

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found for the browser tests. Install one (Debian: `apt-get install -y chromium`) ' +
  `or set ${CHROMIUM_ENV}=/path/to/chromium.`

export function requireChromium(): string {
  const found = findChromium()
  if (!found) throw new Error(NO_CHROMIUM_MESSAGE)
  return found.path
}
