/**
 * Parameterized commands for the usual stop-gap measures. A template's command holds
 * `{{name}}` placeholders; filling it puts the finished text in the proposal box, where it
 * is inspected and approved like anything typed. Users edit and extend the library.
 */
export interface StopGapTemplate {
  id: string
  /** What it does, for people: "Roll back a deployment". */
  title: string
  tool: 'kubectl' | 'systemd' | 'docker' | 'other'
  command: string
  /** True for the shipped templates (they can be copied, not changed). */
  builtIn: boolean
}

export const BUILT_IN_TEMPLATES: readonly StopGapTemplate[] = [
  {
    id: 'k8s-rollback',
    title: 'Roll back a deployment',
    tool: 'kubectl',
    command: 'kubectl rollout undo deployment/{{deployment}} -n {{namespace}}',
    builtIn: true,
  },
  {
    id: 'k8s-restart',
    title: 'Restart a deployment',
    tool: 'kubectl',
    command: 'kubectl rollout restart deployment/{{deployment}} -n {{namespace}}',
    builtIn: true,
  },
  {
    id: 'k8s-scale',
    title: 'Scale up a deployment',
    tool: 'kubectl',
    command: 'kubectl scale deployment/{{deployment}} -n {{namespace}} --replicas={{replicas}}',
    builtIn: true,
  },
  {
    id: 'k8s-flag',
    title: 'Disable a feature flag (ConfigMap)',
    tool: 'kubectl',
    command:
      'kubectl patch configmap {{configmap}} -n {{namespace}} --type merge -p \'{"data":{"{{flag}}":"false"}}\'',
    builtIn: true,
  },
  {
    id: 'systemd-restart',
    title: 'Restart a service',
    tool: 'systemd',
    command: 'sudo systemctl restart {{service}}',
    builtIn: true,
  },
  {
    id: 'systemd-reload',
    title: 'Reload a service',
    tool: 'systemd',
    command: 'sudo systemctl reload {{service}}',
    builtIn: true,
  },
  {
    id: 'docker-restart',
    title: 'Restart a container',
    tool: 'docker',
    command: 'docker restart {{container}}',
    builtIn: true,
  },
  {
    id: 'docker-rollback',
    title: 'Roll back a Swarm service',
    tool: 'docker',
    command: 'docker service rollback {{service}}',
    builtIn: true,
  },
  {
    id: 'docker-scale',
    title: 'Scale up a Swarm service',
    tool: 'docker',
    command: 'docker service scale {{service}}={{replicas}}',
    builtIn: true,
  },
]

const PLACEHOLDER = /\{\{([a-zA-Z][\w-]*)\}\}/g

/** The placeholders of a template, in order of first use. */
export function templateParameters(command: string): string[] {
  return [...new Set([...command.matchAll(PLACEHOLDER)].map((m) => m[1]!))]
}

/**
 * Fills the placeholders. Values are inserted as typed: the result goes through the
 * proposal box, so hidden characters and odd quoting show up in the inspection anyway.
 */
export function fillTemplate(command: string, values: Readonly<Record<string, string>>): string {
  return command.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole)
}

/** Placeholders still empty: the template is not ready to propose. */
export function missingParameters(command: string, values: Readonly<Record<string, string>>) {
  return templateParameters(command).filter((name) => !values[name]?.trim())
}
