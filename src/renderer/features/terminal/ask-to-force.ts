/**
 * Runs an act that the host may refuse with "confirm" (it would end a running command):
 * asks the person, and repeats it with `force` if they agree. Errors crossing the Electron
 * preload keep only their message, so the code is read from it ("[confirm] …").
 */
export async function askToForce(act: (force: boolean) => Promise<unknown>): Promise<boolean> {
  try {
    await act(false)
    return true
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!message.startsWith('[confirm]')) throw error
    if (!window.confirm(message.replace(/^\[confirm\]\s*/, ''))) return false
    await act(true)
    return true
  }
}
