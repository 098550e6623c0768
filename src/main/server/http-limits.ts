/**
 * Every limit the browser shell's HTTP server works under, in one place. Our own page
 * sends a handful of small requests (the renderer's files, one WebSocket); anything far
 * beyond these is not our page and is refused early, before it costs memory or time.
 */
export interface HttpLimits {
  maxHeaderBytes: number
  maxHeaderCount: number
  maxUrlLength: number
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  timeoutCheckIntervalMs: number
  maxConnections: number
  maxConnectionsPerPeer: number
  maxConnectionsPerParticipant: number
  leaderReservedConnections: number
  requestLineTimeoutMs: number
  tlsHandshakeTimeoutMs: number
}

export const HTTP_LIMITS: HttpLimits = {
  /** Request line plus headers; ours are well under 2 KiB (the cookie is ~60 bytes). 8 KiB is nginx's default. */
  maxHeaderBytes: 8 * 1024,
  /** Chromium sends about 15 headers on a page load or WebSocket upgrade. */
  maxHeaderCount: 64,
  /** Our longest address is a hashed asset path or `/?token=` plus 43 characters. */
  maxUrlLength: 2048,
  /** A local client has the headers ready at once; this only cuts off slow (slowloris) senders. */
  headersTimeoutMs: 10_000,
  /** No request carries a body, so the whole request is due soon after its headers. */
  requestTimeoutMs: 15_000,
  /** Node's default: long enough for the page's burst of asset requests to share a connection. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node looks for requests past their timeouts (its default of 30 s lets them overstay). */
  timeoutCheckIntervalMs: 1_000,
  /**
   * A few tabs at six connections each, with room to spare; bounds the descriptors a flood
   * can take. At the cap a connection that never showed a credential makes room (oldest
   * first) rather than a new one being refused, so a flood cannot lock the leader out.
   */
  maxConnections: 128,
  /**
   * Off loopback (--listen), what one address may hold: a browser opens six connections and
   * a WebSocket per tab, so 32 leaves room for a few tabs or people behind one NAT, and one
   * address alone can never fill the server.
   */
  maxConnectionsPerPeer: 32,
  /**
   * What one participant's invite may hold, all its tabs and devices together: a page load
   * keeps a few connections for its files and one WebSocket per tab, so a phone and a laptop
   * fit, and no participant can fill the server (their newest request closes their own
   * oldest plain one; a ninth window is refused).
   */
  maxConnectionsPerParticipant: 8,
  /**
   * Slots that only the leader's token may take (of maxConnections): participants together
   * never hold more than the rest, so the leader's reloads, room view and second screen get in.
   */
  leaderReservedConnections: 16,
  /**
   * A new connection's first request line is due within this: a browser sends its whole
   * request at once (a LAN round trip is milliseconds), so only a slot-holder waits longer.
   */
  requestLineTimeoutMs: 2_000,
  /** A TLS handshake is a few round trips; Node's default of 120 s lets a silent peer hold a slot. */
  tlsHandshakeTimeoutMs: 5_000,
}
