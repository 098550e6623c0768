/**
 * Issue 15 (cold start): a window that resumes an incident shows that incident's shell
 * before the app's bundle has loaded; the workspace then takes over the same terminal (the
 * same shell, still guarded), and what was typed meanwhile is not lost from view.
 */
import type { Page } from '@playwright/test'
import { approveInRoom, guardedWorkspace, liveTerminal, propose } from '../app-helpers'
import { expect, test } from '../fixtures'

/** Holds the app's bundle back until the returned function is called. */
async function holdAppBundle(page: Page): Promise<() => void> {
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/assets/main-*.js', async (route) => {
    await held
    await route.continue()
  })
  return release
}

/** Runs `echo "<tag>-$$"` through the gate; the shell's process id as printed. */
async function shellPid(page: Page, tag: string): Promise<string> {
  const commands = page.getByRole('region', { name: 'Commands' })
  await propose(page, `echo "${tag}-$$"`)
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: new RegExp(`Proposal echo "${tag}`) })
  await approveInRoom(card, 'Carol')
  await card.getByRole('button', { name: 'Run' }).click()
  const done = commands
    .getByRole('list', { name: 'Recent commands' })
    .getByRole('article', { name: new RegExp(`Proposal echo "${tag}`) })
  await expect(done.getByLabel('Result')).toContainText('Exit code 0')
  const result = await done.getByLabel('Result').innerText()
  const pid = new RegExp(`${tag}-(\\d+)`).exec(result)?.[1]
  expect(pid, `the result shows the shell's pid: ${result}`).toBeTruthy()
  return pid!
}

test('a reload shows the incident’s shell before the app loads, then the workspace takes that same shell over', async ({
  app,
}) => {
  await guardedWorkspace(app)
  const before = await shellPid(app, 'first')

  // Hold the app's bundle back: what shows until then is the start-up path alone.
  const release = await holdAppBundle(app)
  await app.reload()

  const terminal = await liveTerminal(app)
  await expect(terminal).toContainText(`first-${before}`) // the screen as it was
  await expect(app.getByRole('region', { name: 'Checklist' })).toHaveCount(0)
  // Keys typed now still go through the gate: the shell sits at its prompt.
  await terminal.locator('.xterm').click()
  await app.keyboard.type('echo typed-early')
  await expect(terminal).not.toContainText('typed-early')

  release()
  await expect(app.getByRole('region', { name: 'Checklist' })).toBeVisible()
  const workspaceTerminal = await liveTerminal(app)
  // One terminal, in the workspace, showing the same screen; the refusal is told there.
  await expect(app.locator('.xterm')).toHaveCount(1)
  await expect(workspaceTerminal).toContainText(`first-${before}`)
  // Every key refused meanwhile is told, in order, and the terminal kept the focus.
  const refused = workspaceTerminal.getByRole('alert', { name: 'Typing refused' })
  await expect(refused).toContainText('the shell is at its prompt')
  await expect(refused).toContainText('Typed: echo typed-early')
  await app.keyboard.type(' and-later')
  await expect(refused).toContainText('Typed: echo typed-early and-later')
  await expect(workspaceTerminal.getByLabel('Shell activity')).toHaveText('guarded')
  // The same shell, not a second one started beside it.
  expect(await shellPid(app, 'again')).toBe(before)
})

test('a reload with no incident open shows the list, and no terminal at all', async ({ app }) => {
  await expect(app.getByRole('form', { name: 'Declare an incident' })).toBeVisible()
  await app.reload()
  await expect(app.getByRole('form', { name: 'Declare an incident' })).toBeVisible()
  await expect(app.getByRole('region', { name: 'Terminal' })).toHaveCount(0)
  await expect(app.locator('.xterm')).toHaveCount(0)
})

test('a terminal hidden from the room stays hidden on the start-up screen', async ({ app }) => {
  const { terminal } = await guardedWorkspace(app)
  await terminal.getByRole('button', { name: 'Hide from the room' }).click()
  const curtain = terminal.getByRole('status', { name: 'Terminal hidden from the room' })
  await expect(curtain).toBeVisible()

  const release = await holdAppBundle(app)
  await app.reload()
  const early = app.getByRole('region', { name: 'Terminal' })
  await expect(early.getByRole('status', { name: 'Terminal hidden from the room' })).toHaveText(
    'Terminal hidden from the room by Alice.',
  )
  await expect(early.locator('.terminal-adoptable')).toHaveCSS('opacity', '0')
  release()
  await expect(app.getByRole('region', { name: 'Checklist' })).toBeVisible()
  await expect(curtain).toBeVisible()
  await expect(app.locator('.terminal-host')).toHaveAttribute('aria-hidden', 'true')
})
