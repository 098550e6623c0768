import { describe, expect, it } from 'vitest'
import { isAppUrl, resolveAppPath } from '../../../../src/main/electron/app-protocol'

describe('app:// protocol', () => {
  const dir = '/opt/warroom/out/renderer'

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppPath(dir, 'app://warroom/')).toBe(`${dir}/index.html`)
    expect(resolveAppPath(dir, 'app://warroom/assets/index-1.js')).toBe(`${dir}/assets/index-1.js`)
  })

  it('refuses paths that leave the renderer folder or another host', () => {
    // The URL parser folds encoded dots, so this one stays inside the folder.
    expect(resolveAppPath(dir, 'app://warroom/%2e%2e/%2e%2e/etc/passwd')).toBe(`${dir}/etc/passwd`)
    expect(resolveAppPath(dir, 'app://warroom/..%2F..%2Fmain%2Findex.js')).toBeNull()
    expect(resolveAppPath(dir, 'app://other/index.html')).toBeNull()
  })

  it('knows its own origin and nothing else', () => {
    expect(isAppUrl('app://warroom/index.html')).toBe(true)
    expect(isAppUrl('app://warroomx/index.html')).toBe(false)
    expect(isAppUrl('https://warroom/index.html')).toBe(false)
  })
})
