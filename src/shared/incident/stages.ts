import type { StageId } from './model'

export interface StageDefinition {
  id: StageId
  label: string
  /** What this stage is for, shown under its name. */
  purpose: string
  defaultItems: readonly string[]
}

/** The lifecycle of an incident and the checklist a leader starts each stage with. */
export const STAGES: readonly StageDefinition[] = [
  {
    id: 'declaration',
    label: 'Declaration',
    purpose: 'Say out loud that this is an incident and get the right people in the room.',
    defaultItems: [
      'Declare the incident and its severity in the incident channel',
      'Name the Incident Handling Leader and the Communication Leader',
      'Page the on-call experts and the owner of the affected service',
      'Open the war room (call or room) and share this screen',
      'Send the first stakeholder update',
    ],
  },
  {
    id: 'understanding',
    label: 'Understanding the incident',
    purpose: 'Find out what is wrong: facts before hypotheses.',
    defaultItems: [
      'Describe the symptoms: what users see, since when',
      'Gather facts and data: dashboards, logs, alerts, recent changes',
      'Estimate the scale of impact: users, regions, revenue, data',
      'List hypotheses and who checks each one',
      'Check recent deployments, config and feature-flag changes',
    ],
  },
  {
    id: 'stop-bleeding',
    label: 'Stop the bleeding',
    purpose: 'Reduce the impact now, root cause later.',
    defaultItems: [
      'Choose a stop-gap: roll back, reload or restart, scale up, disable a feature',
      'Propose the mitigation command and have it approved by another expert',
      'Apply the stop-gap and record the time',
      'Confirm on the dashboards that the impact is going down',
      'Tell stakeholders the impact is mitigated',
    ],
  },
  {
    id: 'closing',
    label: 'Closing',
    purpose: 'Make sure it stays fixed and learn why it happened.',
    defaultItems: [
      'Monitor the stop-gap until the service is stable',
      'Find the root cause and the trigger',
      'Formulate action items with an owner, a time box and a deliverable',
      'Send the closing stakeholder update',
      'Close the incident',
    ],
  },
  {
    id: 'postmortem',
    label: 'Postmortem sharing',
    purpose: 'Share what was learned, blamelessly, and follow up.',
    defaultItems: [
      'Write the blameless postmortem',
      'Review it with the people involved',
      'Share the postmortem widely',
      'Validate the action items with their owners',
    ],
  },
]

export function stageLabel(stage: StageId): string {
  return STAGES.find((s) => s.id === stage)?.label ?? stage
}
