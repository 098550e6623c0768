/**
 * Issue 10: the shell belongs to the host. A reload, or a browser killed outright, never
 * ends the shell or the command it runs; the window that comes back shows the command's end,
 * the screen as it was, and a command log holding each entry exactly once.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Download, Page } from '@playwright/test'
import type { CommandLogEntry } from '../../../src/shared/commands/gate-model'
import { approveInRoom, guardedWorkspace, liveTerminal, propose } from '../app-helpers'
import { expect, test } from '../fixtures'
import { killBrowser } from '../kill-browser'

/** Long enough for the page to go and come back while the command still runs. */
const COMMAND_SECONDS = 8

/** A command that prints before and after sleeping, then leaves a file behind. */
function longCommand(file: string): string {
  return `echo "before-$((6 * 7))"; sleep ${COMMAND_SECONDS}; touch ${file}; echo "after-$((6 * 7))"`
}

async function openApp(launchBrowser: () => Promise<BrowserContext>, url: string) {
  const context = await launchBrowser()
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(url)
  return { context, page }
}

/** Proposes the long command as Bob, Carol's approval said in the room, and runs it. */
async function startLongCommand(page: Page, file: string) {
  const { terminal, commands } = await guardedWorkspace(page)
  await propose(page, longCommand(file))
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: /Proposal echo "before/ })
  await approveInRoom(card, 'Carol')
  await card.getByRole('button', { name: 'Run' }).click()
  await expect(card.getByLabel('Proposal status')).toHaveText('Running')
  await expect(terminal).toContainText('before-42')
  expect(existsSync(file), 'the command is still sleeping').toBe(false)
}

/** The gate-log entries of the JSON backup the page downloads, as the record holds them. */
async function exportedLog(page: Page): Promise<CommandLogEntry[]> {
  await page.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('region', { name: 'Postmortem' })
      .getByRole('button', { name: 'Export JSON backup' })
      .click(),
  ])
  const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    commandLog: Array<{ payload: CommandLogEntry }>
  }
  await page.getByRole('tab', { name: 'Response' }).click()
  return file.commandLog.map((row) => row.payload)
}

/** What a window that came back must show: the command's end, the screen, the log once. */
async function expectCommandFinishedOnce(page: Page, file: string) {
  await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true)
  const terminal = await liveTerminal(page)
  const commands = page.getByRole('region', { name: 'Commands' })
  const done = commands
    .getByRole('list', { name: 'Recent commands' })
    .getByRole('article', { name: /Proposal echo "before/ })
  await expect(done.getByLabel('Proposal status')).toHaveText('Finished')
  await expect(done.getByLabel('Result')).toContainText('Exit code 0')
  await expect(done.getByLabel('Result')).toContainText('after-42')
  // The screen is back: what the command printed before the window went, replayed.
  await expect(terminal).toContainText('before-42')
  await expect(terminal).toContainText('after-42')
  const timeline = page.getByRole('region', { name: 'Timeline' })
  await expect(timeline).toContainText(/`echo "before-\$\(\(6 \* 7\)\)"; sleep .*` exited 0 after/)

  await commands.getByRole('button', { name: 'Verify command log' }).click()
  await expect(commands.getByLabel('Command log verdict')).toContainText(
    /Command log intact \(\d+ entries/,
  )
  const entries = (await exportedLog(page)).filter((e) => e.text === longCommand(file))
  expect(entries.map((e) => e.kind)).toEqual(['proposed', 'approved', 'started', 'finished'])
  expect(entries.at(-1)).toMatchObject({ exitCode: 0 })
}

/** The long command is shown as still running: the window came back before its end. */
async function expectStillRunning(page: Page) {
  const card = page
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: /Proposal echo "before/ })
  await expect(card.getByLabel('Proposal status')).toHaveText('Running')
}

test('a reload while an approved command runs: the command ends, and the page shows it all', async ({
  shell,
  launchBrowser,
}) => {
  const file = join(shell.home, 'survived-reload')
  const { page } = await openApp(launchBrowser, shell.url)
  await startLongCommand(page, file)

  await page.reload()
  await expectStillRunning(page)
  await expectCommandFinishedOnce(page, file)
})

test('the browser killed while an approved command runs, relaunched before it ends: it shows the command end', async ({
  shell,
  launchBrowser,
  profileDir,
}) => {
  const file = join(shell.home, 'survived-kill')
  const first = await openApp(launchBrowser, shell.url)
  await startLongCommand(first.page, file)

  killBrowser(profileDir)
  await first.context.close().catch(() => {})
  const { page } = await openApp(launchBrowser, shell.url)
  await expectStillRunning(page)
  await expectCommandFinishedOnce(page, file)
})

test('the browser killed while an approved command runs, relaunched after it ended: nothing of it is lost', async ({
  shell,
  launchBrowser,
  profileDir,
}) => {
  const file = join(shell.home, 'survived-kill-ended')
  const first = await openApp(launchBrowser, shell.url)
  await startLongCommand(first.page, file)

  killBrowser(profileDir)
  await first.context.close().catch(() => {})
  // No window at all while the command ends: the host keeps its end until one is back.
  await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true)
  const { page } = await openApp(launchBrowser, shell.url)
  await expectCommandFinishedOnce(page, file)
})

test('a pending proposal outlives two reloads, with its approvals', async ({
  shell,
  launchBrowser,
}) => {
  const { page } = await openApp(launchBrowser, shell.url)
  const { commands } = await guardedWorkspace(page)
  await propose(page, 'rm -rf /tmp/war-room-cache')
  const card = commands
    .getByRole('list', { name: 'Pending commands' })
    .getByRole('article', { name: /Proposal rm -rf/ })
  await approveInRoom(card, 'Carol')
  await expect(card.getByLabel('Approvals')).toHaveText('1/2 approvals')

  for (let reload = 0; reload < 2; reload++) {
    await page.reload()
    await liveTerminal(page)
    await expect(card.getByLabel('Proposal status')).toHaveText('Waiting for approval')
    await expect(card.getByLabel('Approvals')).toHaveText('1/2 approvals')
    await expect(card.getByLabel('Approved by')).toHaveText(
      'Approved by Carol (in the room, recorded by Alice)',
    )
  }
  await expect(
    commands.getByRole('list', { name: 'Pending commands' }).getByRole('article'),
  ).toHaveCount(1)
})
