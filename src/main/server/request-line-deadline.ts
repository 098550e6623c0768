/**
 * A new connection's first request line is due soon: a connection that sends nothing, or
 * a few bytes and then nothing, gives its slot back within seconds instead of holding it
 * until the header timeout. Every browser sends its whole request at once.
 */
import type { Socket } from 'node:net'
import { refuseSocket } from './http-refusals'

const LINE_FEED = 0x0a

/**
 * Watches the socket HTTP reads from until its first line ends; past `timeoutMs` without
 * one the connection is closed (silently when nothing came, with 408 when something did).
 * Must be called after Node's HTTP server has taken the socket: a `data` listener added
 * then makes Node hand it every chunk through JavaScript, and the parser sees them too.
 */
export function requireRequestLine(socket: Socket, timeoutMs: number): void {
  let received = false
  const watch = (chunk: Buffer) => {
    received = true
    if (!chunk.includes(LINE_FEED)) return
    clearTimeout(timer)
    socket.off('data', watch)
  }
  const timer = setTimeout(() => {
    socket.off('data', watch)
    if (received) refuseSocket(socket, 408, 'the request line came too slowly')
    else socket.destroy()
  }, timeoutMs)
  socket.on('data', watch)
  socket.once('close', () => clearTimeout(timer))
}
