import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pty from 'node-pty'
import { describe, expect, it } from 'vitest'
import { maskSecrets } from '../../../../src/shared/commands/mask-secrets'
import { sanitizePaste } from '../../../../src/shared/commands/sanitize-paste'
import { hermeticShellEnv } from '../../../support/hermetic-env'

const ESC = '\u001b'

describe('paste sanitizer', () => {
  it('removes a bracketed-paste breakout so nothing after it can run', () => {
    const hostile = `echo hello${ESC}[201~touch /tmp/pwned${ESC}[200~`
    const clean = sanitizePaste(hostile)
    expect(clean.text).toBe('echo hellotouch /tmp/pwned')
    expect(clean.text).not.toContain(ESC)
    expect(clean.removed).toBe(12)
  })

  it('keeps a breakout inside the paste of a real bash (the raw paste escapes)', async () => {
    const pasteInto = async (clipboard: string, marker: string) => {
      const shell = pty.spawn('bash', ['--norc', '--noprofile', '-i'], {
        cols: 120,
        rows: 30,
        env: { ...hermeticShellEnv(), PS1: 'ready$ ', TERM: 'xterm-256color' },
      })
      let output = ''
      shell.onData((d) => (output += d))
      const waitFor = async (text: string) => {
        for (let i = 0; i < 200 && !output.includes(text); i++)
          await new Promise((r) => setTimeout(r, 25))
      }
      await waitFor('ready$ ')
      // What xterm 6.0.0 sends for a paste: the text wrapped in bracketed-paste markers.
      shell.write(`${ESC}[200~${clipboard}${ESC}[201~`)
      await new Promise((r) => setTimeout(r, 300))
      const before = output.length
      shell.write('\u0003') // the leader never pressed Enter: cancel the line
      for (let i = 0; i < 200 && !output.slice(before).includes('ready$ '); i++)
        await new Promise((r) => setTimeout(r, 25))
      // The shell computes the answer, so it only shows once the line ran.
      shell.write('echo "done-$((40 + 2))"\r')
      await waitFor('done-42')
      shell.kill()
      return existsSync(marker)
    }
    const dir = mkdtempSync(join(tmpdir(), 'warroom-paste-'))
    const hostile = (marker: string) => `echo pasted${ESC}[201~\rtouch ${marker}\r`
    const raw = join(dir, 'raw')
    expect(await pasteInto(hostile(raw), raw)).toBe(true) // unsanitized: the breakout ran
    const clean = join(dir, 'sanitized')
    expect(await pasteInto(sanitizePaste(hostile(clean)).text, clean)).toBe(false)
    rmSync(dir, { recursive: true, force: true })
  })

  it('normalizes line endings and asks to confirm several lines', () => {
    expect(sanitizePaste('a\r\nb\rc')).toMatchObject({
      text: 'a\nb\nc',
      lines: 3,
      needsConfirmation: true,
    })
    expect(sanitizePaste('single line\n')).toMatchObject({ lines: 1, needsConfirmation: false })
  })

  it.each([
    ['a C0 inside the sequence', `a${ESC}[20\b1~b`],
    ['BEL inside the sequence', `a${ESC}[\u0007201~b`],
    ['an 8-bit CSI', 'a\u009b201~b'],
    ['an 8-bit OSC', 'a\u009d52;c;?\u0007b'],
    ['an 8-bit DCS', 'a\u0090$qm\u009cb'],
    ['an OSC with a leading zero', `a${ESC}]052;c;eA==\u0007b`],
    ['an APC string', `a${ESC}_payload${ESC}\\b`],
  ])('removes the whole sequence when it has %s', (_name, hostile) => {
    expect(sanitizePaste(hostile).text).toBe('ab')
  })

  it('drops bidi overrides and control characters but keeps tabs and text', () => {
    expect(sanitizePaste('a\u202Eb\u0007c\td').text).toBe('abc\td')
  })
})

describe('secret masking', () => {
  it.each([
    ['curl -H "Authorization: Bearer abcdefghijklmnop" https://api', 'abcdefghijklmnop'],
    ['psql postgres://admin:hunter2@db:5432/app', 'hunter2'],
    ['mysql -u root -pS3cr3t! -e "select 1"', 'S3cr3t!'],
    ['deploy --password=topsecret --env prod', 'topsecret'],
    ['export API_KEY=sk_live_123456789', 'sk_live_123456789'],
    ['aws s3 ls # AKIAABCDEFGHIJKLMNOP', 'ABCDEFGHIJKLMNOP'],
    [
      'gh auth login --with-token ghp_abcdefghijklmnopqrstuvwxyz0123',
      'abcdefghijklmnopqrstuvwxyz0123',
    ],
  ])('masks the secret in %s', (text, secret) => {
    const masked = maskSecrets(text)
    expect(masked).not.toContain(secret)
    expect(masked).toContain('••••••')
  })

  it('leaves a command without secrets as it is', () => {
    const text = 'kubectl -n payments rollout undo deploy/api --to-revision=41'
    expect(maskSecrets(text)).toBe(text)
  })
})
