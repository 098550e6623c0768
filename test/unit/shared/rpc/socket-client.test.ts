import { describe, expect, it } from 'vitest'
import { connectSocketClient, type SocketLike } from '../../../../src/shared/rpc/socket-client'
import { encodeOutputFrame } from '../../../../src/shared/rpc/socket-protocol'

/** An open socket whose far end the test plays: it sees what is sent and says what comes. */
function fakeSocket() {
  const listeners = new Map<string, Array<(event: { data: unknown }) => void>>()
  const sent: string[] = []
  const socket: SocketLike = {
    readyState: 1,
    binaryType: 'blob',
    send: (data) => void sent.push(data),
    close: () => {},
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) =>
      listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  }
  const receive = (data: unknown) => {
    for (const listener of listeners.get('message') ?? []) listener({ data })
  }
  return { socket, sent, receive }
}

describe('the socket client', () => {
  it('ignores a message that is not JSON, and answers the next call as usual', async () => {
    const far = fakeSocket()
    const { client } = await connectSocketClient(far.socket)
    far.receive('{ not json')
    const answer = client['terminal.list']({})
    const call = JSON.parse(far.sent[0]!) as { id: number }
    far.receive(JSON.stringify({ kind: 'result', id: call.id, result: { ok: true, output: [] } }))
    await expect(answer).resolves.toEqual([])
  })

  it('fails a call the host never answers, saying which and after how long', async () => {
    const far = fakeSocket()
    const { client } = await connectSocketClient(far.socket, { callTimeoutMs: 1_000 })
    const started = Date.now()
    await expect(client['app.info']({})).rejects.toThrow(
      'the host did not answer app.info within 1 s',
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('reads terminal output from binary frames as bytes', async () => {
    const far = fakeSocket()
    const { client } = await connectSocketClient(far.socket)
    expect(far.socket.binaryType).toBe('arraybuffer')
    const got: Array<{ sessionId: string; text: string; replay: boolean }> = []
    client.on('terminal.data', ({ sessionId, data, replay }) =>
      got.push({ sessionId, text: new TextDecoder().decode(data), replay }),
    )
    const frame = encodeOutputFrame({
      sessionId: 's-1',
      data: new TextEncoder().encode('état ✓'),
      replay: true,
    })
    far.receive(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength))
    expect(got).toEqual([{ sessionId: 's-1', text: 'état ✓', replay: true }])
  })
})
