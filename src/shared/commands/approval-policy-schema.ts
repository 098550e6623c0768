/**
 * The approval policy of an incident: one schema, and the type inferred from it. The host
 * refuses a policy this schema refuses, so the policy editor checks with it too.
 */
import { z } from 'zod'

/**
 * Which approvals count: only those made from the approver's own session, or also those
 * said aloud in the room and recorded by the leader (the default: a room that only shares
 * one screen still works).
 */
export const APPROVAL_SOURCES = ['own-device', 'own-device-or-room'] as const
export type ApprovalSources = (typeof APPROVAL_SOURCES)[number]

/** Longest allow-list entry, and most entries, the host accepts. */
export const MAX_ALLOW_LIST_ENTRY_CHARS = 200
export const MAX_ALLOW_LIST_ENTRIES = 100

export const approvalPolicySchema = z
  .object({
    /** Approvals needed from operational experts or service owners other than the proposer. */
    experts: z.number().int().min(0).max(5),
    /** The Incident Handling Leader must approve as well. */
    leader: z.boolean(),
    /** Extra expert approvals a risky command needs. */
    riskyExtra: z.number().int().min(0).max(3),
    /** A proposal not run within this time expires (fail closed). */
    expiryMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** Read-only command prefixes that skip approval (still proposed and recorded). */
    allowList: z
      .array(z.string().trim().min(1).max(MAX_ALLOW_LIST_ENTRY_CHARS))
      .max(MAX_ALLOW_LIST_ENTRIES),
    /** Policies saved before this field existed allowed approvals recorded in the room. */
    approvalSources: z.enum(APPROVAL_SOURCES).default('own-device-or-room'),
  })
  .strict()
  .refine((policy) => policy.experts > 0 || policy.leader, 'a policy needs at least one approval')

/** Who must approve terminal commands, as stored and as the host enforces it. */
export type ApprovalPolicy = z.output<typeof approvalPolicySchema>
