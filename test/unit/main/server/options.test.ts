import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeDataDir, readDataDir, readPort } from '../../../../src/main/server/options'

describe('browser shell port option', () => {
  it('takes --port, then WARROOM_PORT, then the fixed default', () => {
    expect(readPort(['--port', '5000'], { WARROOM_PORT: '6000' })).toBe(5000)
    expect(readPort([], { WARROOM_PORT: '6000' })).toBe(6000)
    expect(readPort([], {})).toBe(4750)
  })

  it('rejects a port that is not a port', () => {
    expect(() => readPort(['--port', 'abc'], {})).toThrow(/Invalid port "abc"/)
    expect(() => readPort(['--port', '70000'], {})).toThrow(/Invalid port/)
  })
})

describe('browser shell data directory option', () => {
  const env = {
    WARROOM_DATA_DIR: '/srv/warroom',
    XDG_DATA_HOME: '/home/lea/.data',
    HOME: '/home/lea',
  }

  it('takes --data-dir, then WARROOM_DATA_DIR, then $XDG_DATA_HOME/war-room, then ~/.local/share/war-room', () => {
    expect(readDataDir(['--data-dir', '/tmp/incident'], env)).toBe('/tmp/incident')
    expect(readDataDir([], env)).toBe('/srv/warroom')
    expect(readDataDir([], { ...env, WARROOM_DATA_DIR: undefined })).toBe(
      '/home/lea/.data/war-room',
    )
    expect(readDataDir([], { HOME: '/home/lea' })).toBe('/home/lea/.local/share/war-room')
  })

  it('reads HOME from the environment it is given, not the process', () => {
    expect(readDataDir([], { HOME: '/home/other' })).toBe('/home/other/.local/share/war-room')
  })

  it('makes a relative directory absolute against the working directory', () => {
    expect(readDataDir(['--port', '0', '--data-dir', 'data'], {})).toBe(resolve('data'))
    expect(readDataDir([], { WARROOM_DATA_DIR: 'data' })).toBe(resolve('data'))
  })

  it('treats empty variables as unset and ignores a relative XDG_DATA_HOME', () => {
    expect(readDataDir([], { WARROOM_DATA_DIR: '', XDG_DATA_HOME: '', HOME: '/h' })).toBe(
      '/h/.local/share/war-room',
    )
    expect(readDataDir([], { XDG_DATA_HOME: 'relative/data', HOME: '/h' })).toBe(
      '/h/.local/share/war-room',
    )
  })

  it('says what to give when --data-dir has no value or there is no HOME', () => {
    expect(() => readDataDir(['--data-dir'], env)).toThrow(/--data-dir needs a directory/)
    expect(() => readDataDir(['--data-dir', '--port', '0'], env)).toThrow(/needs a directory/)
    expect(() => readDataDir([], {})).toThrow(/set HOME, or give --data-dir DIR/)
  })

  it('creates the directory and its missing parents for this user only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'warroom-data-')), 'share', 'war-room')
    makeDataDir(dir)
    makeDataDir(dir)
    expect(statSync(dir).isDirectory()).toBe(true)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o700)
  })
})
