import { guardedWorkspace, propose } from '../app-helpers'
import { test } from '../fixtures'

test('shot', async ({ app }) => {
  await app.setViewportSize({ width: 1600, height: 1000 })
  const { commands } = await guardedWorkspace(app)
  await propose(app, 'kubectl delete pod api-7f9 --token=abcdefgh12345678')
  await propose(app, 'echo safe\u202e;hs.lave\nls')
  const card = commands.getByRole('article').first()
  await card.getByLabel('Approver').selectOption({ label: 'Carol' })
  await card.getByRole('button', { name: 'Approve' }).click()
  await app.waitForTimeout(500)
  await app.screenshot({ path: '/tmp/shot1.png' })
  await commands.screenshot({ path: '/tmp/shot2.png' })
})
