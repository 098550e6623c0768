/**
 * Review 2: a hostile or clumsy leader's screen against the promises "nothing reaches the
 * shell's prompt without passing the approval gate" and "approvals come from the
 * approver's own device". Real host, real bash. `it.fails` marks an attack that works.
 */
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { SHELLS, eventually, guardedShell, type Guarded } from '../review/review-fixture'

const bash = SHELLS.find((s) => s.name === 'bash')!

describe('the leader’s screen', () => {
  let g: Guarded
  afterEach(() => g?.h.host.dispose())

  // FINDING (medium): keys pass whenever an approved command holds the foreground, and an
  // interactive shell is such a command: once `bash` (or `sudo -s`, `su`, `ssh host`,
  // `kubectl exec -it … sh`, `docker exec -it … sh`) is approved as "open a shell to look",
  // every line the leader's screen types runs unapproved, and the gate log records nothing
  // but `bash` started and finished. It is break-glass without the reason, the banner or the
  // record. Should hold: a line run inside an approved command that is itself a shell is
  // either refused or recorded. Fix: src/shared/commands/risk-rules.ts — flag commands that
  // open an interactive shell or REPL as "hands the keyboard over: equivalent to
  // break-glass" (block, or require the break-glass reason), and
  // src/main/core/gate/command-gate.ts screenInput — log (as keystrokes-passed) the lines
  // typed while an approved command runs.
  it.fails('an approved interactive shell does not hand the keyboard over unrecorded', async () => {
    g = await guardedShell(bash)
    const { h, sessionId } = g
    const p = await h.runApproved(sessionId, 'bash --norc --noprofile -i')
    await g.waitFor(async () => expect((await g.state()).keysPass).toBe(true))
    const typed = await g.write('touch nested_X; exit\r')
    if (typed.refused === null) await h.finished(p.id)
    const ranUnapproved = await eventually(() => existsSync(g.file('nested_X')), 3_000)
    const recorded = h.leader.log.some((e) => (e.text ?? e.note ?? '').includes('nested_X'))
    expect(ranUnapproved && !recorded).toBe(false)
  })

  // FINDING (medium, design): under "own device only" the leader's screen mints the invite
  // links and sees them; nothing binds a link to the person it names. The leader's screen
  // invites Carol, follows the link itself (another tab), registers a key and approves: the
  // record says "Carol (own device, signed)" and the two-person rule is met by one person.
  // Should hold: an own-device approval needs something only the approver holds. Fix:
  // src/main/core/access/invites.ts redeem — pair the link with a short code the invitee's
  // device shows and the leader must type back (or the invitee confirms a code the leader's
  // screen shows), record the redeeming peer (address, user agent) on the log and in
  // presence; at least show "link followed from this machine" when the peer is loopback.
  it.fails('the leader’s screen cannot approve as another person’s own device', async () => {
    g = await guardedShell(bash)
    const { h, sessionId } = g
    await h.configure({ approvalSources: 'own-device' })
    const p = await h.leader.call('gate.propose', { sessionId, text: 'echo hi', proposerId: 'bob' })
    // The leader's screen asks for Carol's link and follows it itself.
    const carol = await h.invite('carol', 'expert')
    const tab = h.connect({ kind: 'participant', participantId: carol.participant.participantId })
    const approved = await tab
      .call('gate.approve', { sessionId, proposalId: p.id, hash: p.hash })
      .then(
        (a) => a.status,
        () => 'refused',
      )
    expect(approved).not.toBe('approved')
  })
})
