/**
 * Who may make which request. The host decides from the session it knows (the leader's
 * launch token, or a participant's invite cookie), never from anything the client sends.
 */
import type { Participant } from '../../../shared/access'
import { requestSchemas, type RequestName } from '../../../shared/contract'
import { HostCallError } from '../../../shared/rpc/host-error'

/** The session behind a connection, as the shell authenticated it. */
export type Principal = { kind: 'leader' } | { kind: 'participant'; participantId: string }

const refused = (message: string) => new HostCallError('refused', message)

/**
 * Throws unless this session may make this request. `participant` is the participant's
 * current state (null once revoked); `incidentOf` finds the incident a request is about.
 */
export function authorize(
  principal: Principal,
  participant: Participant | null,
  method: RequestName,
  incidentOfRequest: () => string | null,
): void {
  const access = requestSchemas[method].access
  if (principal.kind === 'leader') {
    if (access === 'participant') throw refused(`${method} is for invited participants`)
    return
  }
  if (!participant) throw refused('this invite was revoked or its incident has ended')
  if (access === 'leader') throw refused(`${method} is for the leader’s session only`)
  if (access === 'expert' && participant.mode !== 'expert') {
    throw refused('observers watch: proposing, approving and rejecting is for experts')
  }
  const incidentId = incidentOfRequest()
  if (incidentId !== null && incidentId !== participant.incidentId) {
    throw new HostCallError('not-found', 'no such terminal or incident for this session')
  }
  // The person named must take part: their page's code, read out and typed back by the leader.
  if (access === 'expert' && !participant.confirmed) {
    throw refused(
      'read the code on your page out to the leader first: you can propose, approve and reject once they confirm it',
    )
  }
}
