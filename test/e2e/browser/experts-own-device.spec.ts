/**
 * Issue 12: experts approve from their own device. Carol follows her personal invite link in
 * a browser of her own, reads out the code her page shows and the leader types it back;
 * what she approves there then counts as hers (signed by her browser's key), the leader's
 * screen sees it at once, and the record says how it was given and where her link was
 * followed from. The leader can record an approval said aloud in the room only where the
 * policy allows it, and revoking her link sends her page away.
 */
import { readFileSync } from 'node:fs'
import type { Download } from '@playwright/test'
import { guardedWorkspace, propose } from '../app-helpers'
import { expect, test } from '../fixtures'
import { confirmCode, joinedAs, makeInvite, ownDevice, PHONE } from '../participant-helpers'

/** How fast the leader's screen must show an approval made on a participant's device. */
const APPROVAL_SEEN_WITHIN_MS = 1_000
const FINGERPRINT = /your key ([0-9a-f]{4}(?:·[0-9a-f]{4}){3})/
/** Her link was followed on this machine (the test's browser), so her approvals say so. */
const CAROL_SIGNED =
  'Carol (own device, joined on the leader’s machine or through a tunnel, signed)'

test('Carol joins through her invite link, approves from her own page (signed), and the record says so', async ({
  app,
  shell,
}) => {
  const { terminal, commands, timeline } = await guardedWorkspace(app)
  const link = await makeInvite(app, 'Carol')
  expect(link.startsWith(`${shell.origin}/join?invite=`)).toBe(true)

  const carol = await ownDevice()
  try {
    const you = await joinedAs(carol.page, link, 'Carol · expert · Checkout API returns 500s')
    await expect(you).toContainText(FINGERPRINT)
    const fingerprint = FINGERPRINT.exec((await you.textContent()) ?? '')![1]!
    const board = app.getByRole('region', { name: 'Role board' })
    await expect(board.getByRole('status', { name: 'Carol connected' })).toHaveText(
      `Connected (expert, key ${fingerprint})`,
    )
    await expect(board.getByLabel('How Carol joined')).toHaveText(
      'Link followed from 127.0.0.1 (the leader’s machine, or a tunnel to it) · not confirmed yet: ask them to read out the code on their page',
    )

    // Until the leader types back the code her page shows, her page only watches.
    await propose(app, 'echo "before-$((6 * 7))"', 'Bob')
    const before = carol.page
      .getByRole('list', { name: 'Pending commands' })
      .getByRole('article', { name: /Proposal echo "before/ })
    await expect(before.getByLabel('Command text')).toBeVisible()
    await expect(before.getByRole('button', { name: /^Approve/ })).toHaveCount(0)
    await confirmCode(app, carol.page, 'Carol')
    await expect(board.getByLabel('How Carol joined')).toContainText('confirmed by Alice')
    await expect(before.getByRole('button', { name: 'Approve (signed)' })).toBeVisible()
    await commands
      .getByRole('article', { name: /Proposal echo "before/ })
      .getByRole('button', { name: 'Withdraw' })
      .click()

    // Bob proposes from the leader's screen; Carol sees the exact command, and what it hides.
    await propose(app, 'echo "carol-$((6 * 7))"', 'Bob')
    // The box empties once the host took the proposal: then the next one.
    await expect(commands.getByLabel('Command to propose')).toHaveValue('')
    await propose(app, 'echo safe\u202e;hs.lave', 'Bob')
    const pending = carol.page.getByRole('list', { name: 'Pending commands' })
    const card = pending.getByRole('article', { name: /Proposal echo "carol/ })
    await expect(card.getByLabel('Command text')).toHaveText('echo "carol-$((6 * 7))"')
    await expect(card).toContainText('proposed by Bob (in the room)')
    const hiding = pending.getByRole('article', { name: /Proposal echo safe/ })
    await expect(hiding.getByLabel('Command text')).toContainText('⟨RIGHT-TO-LEFT OVERRIDE')
    await expect(hiding.getByRole('note')).toContainText('Approval blocked')
    await expect(hiding.getByRole('button', { name: /^Approve/ })).toBeDisabled()

    const leaderCard = commands
      .getByRole('list', { name: 'Pending commands' })
      .getByRole('article', { name: /Proposal echo "carol/ })
    await expect(leaderCard.getByLabel('Approvals')).toHaveText('0/1 approval')
    await card.getByRole('button', { name: 'Approve (signed)' }).click()
    await expect(leaderCard.getByLabel('Approvals')).toHaveText('1/1 approval', {
      timeout: APPROVAL_SEEN_WITHIN_MS,
    })
    await expect(leaderCard.getByLabel('Approved by')).toHaveText(`Approved by ${CAROL_SIGNED}`)
    // On her page too: approved by her, nothing left for her to approve.
    await expect(card.getByLabel('Approved by')).toHaveText(`Approved by ${CAROL_SIGNED}`)
    await expect(card.getByRole('button', { name: /^Approve/ })).toHaveCount(0)

    await leaderCard.getByRole('button', { name: 'Run' }).click()
    await expect(terminal).toContainText('carol-42')
    // Carol watches the same terminal, read-only.
    await expect(carol.page.getByRole('region', { name: 'Terminal' })).toContainText('carol-42')
  } finally {
    await carol.close()
  }

  await expect(timeline).toContainText(`Approved \`echo "carol-$((6 * 7))"\` — ${CAROL_SIGNED}`)
  await expect(timeline).toContainText(
    'Joined through an invite link: Carol’s expert link followed from 127.0.0.1',
  )
  await expect(timeline).toContainText(
    'Invite confirmed by its code: Carol read out the code their page shows, Alice typed it back',
  )
  await expect(timeline).toContainText(/`echo "carol-\$\(\(6 \* 7\)\)"` exited 0 after/)
  await commands.getByRole('button', { name: 'Verify command log' }).click()
  await expect(commands.getByLabel('Command log verdict')).toContainText(
    /Command log intact \(\d+ entries, hash chain verified, 1 signed approval verified\)/,
  )

  // The postmortem says how each approval was given.
  await app.getByRole('tab', { name: 'Closing & postmortem' }).click()
  const [download]: [Download, void] = await Promise.all([
    app.waitForEvent('download'),
    app
      .getByRole('region', { name: 'Postmortem' })
      .getByRole('button', { name: 'Download Markdown' })
      .click(),
  ])
  const markdown = readFileSync(await download.path(), 'utf8')
  expect(markdown).toContain(`Approved by ${CAROL_SIGNED}`)
})

test('an approval said in the room is recorded as such; under "own device only" the leader cannot record one', async ({
  app,
}) => {
  const { commands, timeline } = await guardedWorkspace(app)
  const pending = commands.getByRole('list', { name: 'Pending commands' })

  await propose(app, 'echo "room-$((6 * 7))"', 'Bob')
  const said = pending.getByRole('article', { name: /Proposal echo "room/ })
  await said.getByLabel('Approver').selectOption({ label: 'Carol' })
  await said.getByRole('button', { name: 'Record approval said in the room' }).click()
  await expect(said.getByLabel('Approvals')).toHaveText('1/1 approval')
  await expect(timeline).toContainText(
    'Approved `echo "room-$((6 * 7))"` — Carol (in the room, recorded by Alice)',
  )

  await commands.getByRole('button', { name: 'Change policy' }).click()
  const form = commands.getByRole('form', { name: 'Approval policy' })
  await form
    .getByRole('group', { name: 'Approvals that count' })
    .getByRole('radio', { name: 'Own device only' })
    .check()
  await form.getByRole('button', { name: 'Save policy' }).click()
  await expect(commands.getByLabel('Approval policy', { exact: true })).toContainText('own device')

  await propose(app, 'echo "device-$((6 * 7))"', 'Bob')
  const card = pending.getByRole('article', { name: /Proposal echo "device/ })
  await card.getByLabel('Approver').selectOption({ label: 'Carol' })
  await expect(
    card.getByRole('button', { name: 'Record approval said in the room' }),
  ).toBeDisabled()
  await expect(card.getByRole('note')).toContainText('own device')
  await expect(card.getByLabel('Approvals')).toHaveText('0/1 approval')
})

test('on a phone, Carol sees the pending command and approves it without scrolling sideways', async ({
  app,
}) => {
  const { commands } = await guardedWorkspace(app)
  const link = await makeInvite(app, 'Carol')
  const carol = await ownDevice(PHONE)
  try {
    await joinedAs(carol.page, link, 'Carol · expert')
    await expect(carol.page.getByRole('status', { name: 'Your code' })).toBeInViewport()
    await confirmCode(app, carol.page, 'Carol')
    await propose(app, 'systemctl status checkout-api --no-pager --lines=20', 'Bob')
    const card = carol.page
      .getByRole('list', { name: 'Pending commands' })
      .getByRole('article', { name: /Proposal systemctl status/ })
    const approve = card.getByRole('button', { name: 'Approve (signed)' })
    await expect(card.getByLabel('Command text')).toBeInViewport()
    await expect(approve).toBeInViewport()
    const widths = await carol.page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }))
    expect(widths.scroll, 'no horizontal scrolling').toBeLessThanOrEqual(widths.client)
    const box = (await approve.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)

    await approve.click()
    await expect(
      commands.getByRole('article', { name: /Proposal systemctl status/ }).getByLabel('Approvals'),
    ).toHaveText('1/1 approval')
  } finally {
    await carol.close()
  }
})

test('revoking Carol’s invite ends her page’s session at once', async ({ app }) => {
  await guardedWorkspace(app)
  const link = await makeInvite(app, 'Carol')
  const carol = await ownDevice()
  try {
    await joinedAs(carol.page, link, 'Carol · expert')
    const board = app.getByRole('region', { name: 'Role board' })
    await expect(board.getByRole('status', { name: 'Carol connected' })).toBeVisible()

    await board
      .getByRole('list', { name: 'Invite links for Carol' })
      .getByRole('button', { name: 'Revoke' })
      .click()
    const ended = carol.page.getByRole('alert', { name: 'Session ended' })
    await expect(ended).toContainText('This session has ended: the leader revoked this invite link')
    await expect(carol.page.getByRole('list', { name: 'Pending commands' })).toBeHidden()
    await expect(board.getByRole('status', { name: 'Carol connected' })).toHaveCount(0)
    // The link cannot be used again, nor the page reloaded into the incident.
    const again = await carol.page.goto(link)
    expect(again?.status()).toBe(403)
  } finally {
    await carol.close()
  }
})
