import { declareIncident, liveTerminal } from '../app-helpers'
import { expect, test } from '../fixtures'

test('the app loads in the browser shell with a live terminal', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'War Room', level: 1 })).toBeVisible()
  await declareIncident(app)
  await liveTerminal(app)
  // The token left the address bar: the screen is shared with a room.
  expect(app.url()).not.toContain('token=')
})

test('a command typed in the terminal runs in a real shell', async ({ app }) => {
  await declareIncident(app)
  const terminal = await liveTerminal(app)
  await terminal.click()
  // The shell computes the answer, so only a real shell can print it.
  await app.keyboard.type('echo "war-room-$((6 * 7))"')
  await app.keyboard.press('Enter')
  await expect(terminal).toContainText('war-room-42')
})
