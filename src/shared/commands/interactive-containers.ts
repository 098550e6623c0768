/**
 * Interactive sessions inside containers, pods and cloud machines (see
 * interactive-session.ts): `kubectl exec -it pod -- sh`, `docker run -it image`, `gcloud
 * compute ssh vm`, `aws ssm start-session`. Keys reach such a session only when its
 * standard input is attached (`-i`); then it is interactive if the command it runs is (a
 * shell, a REPL), or if it runs the image's default (often a shell).
 */
import { hasAny, parseArgs, type ParsedArgs } from './command-args'
import type { Invocation, Rule } from './interactive-rule'

/** Options of kubectl and oc that take a value (global ones and those of exec, run, debug). */
const KUBE_VALUE_LONG = [
  '--namespace',
  '--context',
  '--cluster',
  '--user',
  '--kubeconfig',
  '--container',
  '--filename',
  '--image',
  '--selector',
  '--output',
  '--server',
  '--token',
  '--as',
  '--as-group',
  '--pod-running-timeout',
  '--request-timeout',
  '--target',
  '--profile',
  '--env',
  '--overrides',
  '--restart',
  '--labels',
  '--port',
  '--copy-to',
]

/** `-i`, `-it`, `--stdin`, `--stdin=true`, `--interactive`: standard input is attached. */
function stdinAttached(p: ParsedArgs): boolean {
  for (const name of ['--stdin', '--interactive', '-i']) {
    if (p.options.has(name)) return p.values.get(name) !== 'false'
  }
  return false
}

/** The command run in the container: after `--`, or after the operands that name it. */
const innerOrDefault = (p: ParsedArgs, from: number, inv: Invocation) => {
  const command = p.command.length ? p.command : p.operands.slice(from)
  return command.length ? inv.runs(command) : true
}

const kube: Rule = (inv) => {
  const p = parseArgs(inv.args, { valueShort: 'nclfsop', valueLong: KUBE_VALUE_LONG })
  const [verb, ...operands] = p.operands
  const attached = stdinAttached(p) && !inv.stdinRedirected
  switch (verb) {
    case 'exec': {
      const command = p.command.length ? p.command : operands.slice(1)
      return attached && inv.runs(command)
    }
    case 'attach':
      return attached
    case 'run':
    case 'debug':
      return attached && innerOrDefault(p, 3, inv)
    case 'rsh': // oc rsh pod [command]: a shell by default, stdin attached
      return !inv.stdinRedirected && innerOrDefault(p, 2, inv)
    default:
      return false
  }
}

/** Options of `docker run` (and podman, nerdctl) that take a value. */
const DOCKER_RUN_VALUES =
  `--add-host --annotation --attach --blkio-weight --cap-add --cap-drop --cgroup-parent
  --cgroupns --cidfile --cpu-period --cpu-quota --cpu-shares --cpus --cpuset-cpus --device
  --dns --dns-option --dns-search --domainname --entrypoint --env --env-file --expose --gpus
  --group-add --health-cmd --hostname --ip --ipc --label --label-file --link --log-driver
  --log-opt --mac-address --memory --memory-swap --mount --name --network --net
  --network-alias --pid --platform --publish --pull --restart --runtime --security-opt
  --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit --user
  --userns --uts --volume --volumes-from --workdir --detach-keys`.split(/\s+/)

/** `docker [global options] VERB …`: its verb and what follows it. */
function dockerVerb(args: readonly string[]): { verb: string | undefined; rest: string[] } {
  const p = parseArgs(args, {
    valueShort: 'Hcl',
    valueLong: ['--host', '--context', '--config', '--log-level', '--tlscacert', '--tlscert'],
    operands: 0,
  })
  const [verb, ...rest] = p.command
  return { verb, rest }
}

/** `exec`/`run` of docker and `docker compose` (where stdin is attached by default). */
function containerVerb(
  verb: string | undefined,
  rest: string[],
  inv: Invocation,
  compose: boolean,
) {
  if (inv.stdinRedirected) return false
  if (verb === 'exec') {
    const p = parseArgs(rest, {
      valueShort: 'euw',
      valueLong: ['--env', '--env-file', '--user', '--workdir', '--detach-keys', '--index'],
      operands: 1,
    })
    if (hasAny(p, '-d', '--detach') || !(compose || stdinAttached(p))) return false
    return inv.runs(p.command)
  }
  if (verb === 'run') {
    const valueShort = compose ? 'eupvlw' : 'aceghlmpuvw'
    const p = parseArgs(rest, { valueShort, valueLong: DOCKER_RUN_VALUES, operands: 1 })
    if (hasAny(p, '-d', '--detach') || !(compose || stdinAttached(p))) return false
    return p.command.length ? inv.runs(p.command) : true
  }
  if (verb === 'attach') return !parseArgs(rest).options.has('--no-stdin')
  if (verb === 'start') return stdinAttached(parseArgs(rest))
  return false
}

const docker: Rule = (inv) => {
  const { verb, rest } = dockerVerb(inv.args)
  if (verb === 'compose') {
    const p = parseArgs(rest, {
      valueShort: 'fp',
      valueLong: ['--file', '--project-name', '--env-file', '--profile', '--project-directory'],
      operands: 0,
    })
    const [composeVerb, ...composeRest] = p.command
    return containerVerb(composeVerb, composeRest, inv, true)
  }
  return containerVerb(verb, rest, inv, false)
}

/** `docker-compose exec svc sh`. */
const dockerCompose: Rule = (inv) => {
  const [verb, ...rest] = parseArgs(inv.args, { valueShort: 'fp', operands: 0 }).command
  return containerVerb(verb, rest, inv, true)
}

/** `lxc exec c -- bash`, `lxc shell c`, `incus console c`. */
const lxc: Rule = (inv) => {
  const p = parseArgs(inv.args, { valueLong: ['--env', '--user', '--group', '--cwd'] })
  const [verb] = p.operands
  if (verb === 'shell' || verb === 'console') return !inv.stdinRedirected
  return verb === 'exec' && !inv.stdinRedirected && inv.runs(p.command)
}

/** `gcloud compute ssh vm`, `gcloud cloud-shell ssh`, `gcloud sql connect db`. */
const gcloud: Rule = (inv) => {
  const p = parseArgs(inv.args, { valueLong: ['--command', '--project', '--zone', '--user'] })
  const words = p.operands.join(' ')
  if (inv.stdinRedirected) return false
  if (/\b(compute|cloud-shell|tpus tpu-vm) ssh\b/.test(words)) {
    const command = p.values.get('--command')
    if (command !== undefined) return inv.runsText(command)
    return p.command.length ? inv.runsText(p.command.join(' ')) : true
  }
  return /\b(sql connect|compute connect-to-serial-port)\b/.test(words)
}

/** `aws ssm start-session`, `aws ecs execute-command --interactive`. */
const aws: Rule = (inv) => {
  const p = parseArgs(inv.args, {
    valueLong: ['--document-name', '--target', '--command', '--profile', '--region'],
  })
  const words = p.operands.join(' ')
  if (inv.stdinRedirected) return false
  if (words.startsWith('ssm start-session')) {
    return !/PortForwarding|NonInteractive/.test(p.values.get('--document-name') ?? '')
  }
  if (words.startsWith('ecs execute-command')) return p.options.has('--interactive')
  return false
}

/** `vagrant ssh`, `fly ssh console`, `heroku run bash`, `az ssh vm`: a shell unless given a command. */
const sshLike =
  (subcommand: RegExp, commandOptions: string[]): Rule =>
  (inv) => {
    const p = parseArgs(inv.args, { valueShort: 'cCa', valueLong: commandOptions })
    const words = p.operands.join(' ')
    if (inv.stdinRedirected || !subcommand.test(words)) return false
    const command = commandOptions.map((o) => p.values.get(o)).find((v) => v !== undefined)
    return command !== undefined ? inv.runsText(command) : true
  }

const heroku: Rule = (inv) => {
  const [verb, ...rest] = inv.args
  if (verb === 'run') {
    // heroku reads its own flags anywhere on the line: `heroku run bash -a shop`
    const own = /^(-[arse]|--(app|remote|size|env|type))$/
    const command = rest.filter((a, i) => !own.test(a) && !own.test(rest[i - 1] ?? ''))
    return inv.runs(
      command.filter((a) => !/^--(app|remote|size|env|type)=|^(-x|--exit-code|--no-tty)$/.test(a)),
    )
  }
  if (verb === 'ps:exec') return !inv.stdinRedirected
  if (verb === 'pg:psql') return !inv.args.some((a) => a === '-c' || a.startsWith('--command'))
  return false
}

export const CONTAINER_RULES: Array<[string, Rule]> = [
  ['kubectl', kube],
  ['oc', kube],
  ['docker', docker],
  ['podman', docker],
  ['nerdctl', docker],
  ['docker-compose', dockerCompose],
  ['crictl', (inv) => containerVerb(inv.args[0], inv.args.slice(1), inv, false)],
  ['lxc', lxc],
  ['incus', lxc],
  ['gcloud', gcloud],
  ['aws', aws],
  ['vagrant', sshLike(/^ssh\b/, ['-c', '--command'])],
  ['fly', sshLike(/^ssh console\b/, ['-C', '--command'])],
  ['flyctl', sshLike(/^ssh console\b/, ['-C', '--command'])],
  ['az', sshLike(/^ssh (vm|arc)\b/, [])],
  ['heroku', heroku],
  ['machinectl', (inv) => ['shell', 'login'].includes(inv.args[0] ?? '') && !inv.stdinRedirected],
  ['toolbox', (inv) => inv.args[0] === 'enter' && !inv.stdinRedirected],
  ['distrobox', (inv) => inv.args[0] === 'enter' && !inv.args.includes('--')],
]
