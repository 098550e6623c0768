/**
 * Review 2: a hostile or clumsy leader's screen against the promises "nothing reaches the
 * shell's prompt without passing the approval gate" and "approvals come from the
 * approver's own device". Real host, real bash. `it.fails` marks an attack that works.
 */
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { PeerFacts } from '../../../../src/main/core/access/join-peer'
import { commandHistory } from '../../../../src/shared/postmortem/command-history'
import { INCIDENT } from '../../../support/host-harness'
import { SHELLS, eventually, guardedShell, type Guarded } from '../review/review-fixture'

const bash = SHELLS.find((s) => s.name === 'bash')!

/** A browser on the leader's machine (or through an SSH tunnel), as the server sees it. */
const LOCAL_BROWSER: PeerFacts = {
  remoteAddress: '127.0.0.1',
  localAddress: '127.0.0.1',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0',
}

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

  // FINDING (medium, design), still open — the leader's screen can complete both sides alone:
  // under "own device only" the leader's screen mints the invite links and sees them; nothing
  // binds a link to the person it names. Since this review an expert's session acts only once
  // the leader has typed back the six-digit code its page shows (the person reads it out on
  // the call: an intercepted or mistakenly followed link no longer approves anything), and
  // where each link was followed from is recorded: on the role board ("127.0.0.1, the
  // leader's machine or a tunnel to it"), on the command log (participant-joined,
  // participant-confirmed, key-registered) and in every approval's label ("Carol (own
  // device, joined on the leader's machine or through a tunnel, signed)"). But a leader who
  // follows Carol's link in another tab reads the code there and types it back: the host
  // cannot tell one person from two, and over an SSH tunnel every participant is loopback
  // too. What holds now: it takes a deliberate act in front of the room (a code nobody read
  // out), and the record says where the approval came from. Should hold: an own-device
  // approval needs something only the approver holds (a key enrolled out of band, e.g.
  // WebAuthn registered before the incident).
  it.fails('the leader’s screen cannot approve as another person’s own device', async () => {
    g = await guardedShell(bash)
    const { h, sessionId } = g
    await h.configure({ approvalSources: 'own-device' })
    const p = await h.leader.call('gate.propose', { sessionId, text: 'echo hi', proposerId: 'bob' })
    // The leader's screen asks for Carol's link and follows it itself, on its own machine.
    const carol = await h.invite('carol', 'expert', { confirm: false, peer: LOCAL_BROWSER })
    const tab = h.connect({ kind: 'participant', participantId: carol.participant.participantId })
    // The tab shows the code; the leader's screen types it back, as if Carol had read it out.
    const info = await tab.call('app.info', {})
    const code = info.access.role === 'participant' ? info.access.pairingCode : ''
    await h.leader.call('invite.confirm', { inviteId: carol.invite.inviteId, code })
    const approved = await tab
      .call('gate.approve', { sessionId, proposalId: p.id, hash: p.hash })
      .then(
        (a) => a.status,
        () => 'refused',
      )
    expect(approved).not.toBe('approved')
  })

  // Defended (review 2, partly): a followed link approves nothing until its code is typed
  // back, and the record says where the approval came from.
  it('an own-device approval waits for the code typed back, and the record says where it came from', async () => {
    g = await guardedShell(bash)
    const { h, sessionId } = g
    await h.configure({ approvalSources: 'own-device' })
    const p = await h.leader.call('gate.propose', { sessionId, text: 'echo hi', proposerId: 'bob' })
    const carol = await h.invite('carol', 'expert', { confirm: false, peer: LOCAL_BROWSER })
    const tab = h.connect({ kind: 'participant', participantId: carol.participant.participantId })
    const approve = () => tab.call('gate.approve', { sessionId, proposalId: p.id, hash: p.hash })
    await expect(approve()).rejects.toThrow(/read the code on your page out to the leader/)
    const board = await h.leader.call('presence.list', { incidentId: INCIDENT })
    expect(board[0]).toMatchObject({
      name: 'Carol',
      joinedFrom: { address: '127.0.0.1', loopback: true, userAgent: LOCAL_BROWSER.userAgent },
      confirmed: null,
    })

    await h.leader.call('invite.confirm', {
      inviteId: carol.invite.inviteId,
      code: carol.pairingCode,
    })
    expect((await approve()).status).toBe('approved')
    const label = 'Carol (own device, joined on the leader’s machine or through a tunnel)'
    const log = h.leader.log
    await g.waitFor(() => expect(log.map((e) => e.kind)).toContain('approved'))
    expect(log.find((e) => e.kind === 'participant-joined')?.note).toContain(
      'followed from 127.0.0.1 (the leader’s machine, or a tunnel to it); browser: Mozilla/5.0',
    )
    expect(log.find((e) => e.kind === 'participant-confirmed')?.note).toContain(
      'Alice typed it back',
    )
    expect(log.find((e) => e.kind === 'approved')?.approvers).toEqual([label])
    // The postmortem's list of commands says the same.
    const rows = log.map((payload) => ({ payload, prevHash: '', hash: '', incidentId: INCIDENT }))
    expect(commandHistory(rows).commands[0]?.approvals.map((a) => a.name)).toEqual([label])
  })
})
