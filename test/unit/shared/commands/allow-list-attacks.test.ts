/**
 * The attacks on the allow-list, run for real: each succeeds with the real program (so the
 * test proves the attack is worth refusing), and the allow-list does not match it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pty from 'node-pty'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  matchesAllowList,
  SUGGESTED_READ_ONLY,
  withPagersOff,
} from '../../../../src/shared/commands/allow-list'
import { hermeticShellEnv } from '../../../support/hermetic-env'

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0
const matches = (text: string) =>
  matchesAllowList(text, SUGGESTED_READ_ONLY, { firstWordKind: 'command' })

/** A kubeconfig whose user's credential plugin touches a file: any program could run. */
function evilKubeconfig(dir: string, marker: string): string {
  const file = join(dir, 'evil.yaml')
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
      'users:',
      '- name: u',
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1beta1',
      '      command: /bin/sh',
      `      args: ["-c", "touch ${marker}; exit 1"]`,
      '      interactiveMode: Never',
    ].join('\n'),
  )
  return file
}

function bashIn(dir: string, line: string) {
  const env = hermeticShellEnv()
  delete env.KUBECONFIG
  spawnSync('bash', ['--norc', '--noprofile', '-c', line], { cwd: dir, env, timeout: 15_000 })
}

describe.skipIf(!has('kubectl'))('allow-list against a real kubectl', () => {
  it("refuses --kubeconfig: the kubeconfig's exec plugin runs any program", () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-kube-'))
    const marker = join(dir, 'pwned')
    const text = `kubectl get pods --kubeconfig ${evilKubeconfig(dir, marker)} --request-timeout=2s`
    bashIn(dir, text)
    expect(existsSync(marker)).toBe(true)
    expect(matches(text)).toBe(false)
  })

  it('refuses a glob: a file named --kubeconfig=evil.yaml is what * expands to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-kube-'))
    const marker = join(dir, 'pwned')
    evilKubeconfig(dir, marker)
    writeFileSync(join(dir, '--kubeconfig=evil.yaml'), '')
    const text = 'kubectl get pods *'
    bashIn(dir, text)
    expect(existsSync(marker)).toBe(true)
    expect(matches(text)).toBe(false)
  })
})

describe.skipIf(!has('journalctl'))('allow-listed commands and pagers', () => {
  /** Runs a line in a real pty, as the gate does; resolves once it exits by itself. */
  function runInPty(line: string) {
    const shell = pty.spawn('bash', ['--norc', '--noprofile', '-c', line], {
      cols: 100,
      rows: 10,
      // SYSTEMD_PAGERSECURE=0 is systemd's own choice in the user's own login session.
      env: hermeticShellEnv({ TERM: 'xterm-256color', SYSTEMD_PAGERSECURE: '0' }),
    })
    let output = ''
    let exitCode: number | null = null
    shell.onData((d) => (output += d))
    shell.onExit((e) => (exitCode = e.exitCode))
    onTestFinished(() => {
      if (exitCode === null) shell.kill()
    })
    return { shell, output: () => output, exitCode: () => exitCode }
  }

  it('a pager would run any command typed while the allow-listed command runs; off, none opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-pager-'))
    const marker = join(dir, 'pwned')
    const text = 'journalctl --help'
    expect(matches(text)).toBe(true)

    const paged = runInPty(text)
    await vi.waitFor(() => expect(paged.output()).toMatch(/lines \d+-\d+/), { timeout: 10_000 })
    paged.shell.write(`!touch ${marker}\r`)
    await vi.waitFor(() => expect(existsSync(marker)).toBe(true), { timeout: 10_000 })

    const unpaged = runInPty(withPagersOff(text))
    await vi.waitFor(() => expect(unpaged.exitCode()).toBe(0), { timeout: 10_000 })
    expect(unpaged.output()).toContain('--verify')
    expect(unpaged.output()).not.toMatch(/lines \d+-\d+/)
  })
})
