/**
 * CPU time by process while a benchmark runs, read from /proc/<pid>/stat (utime + stime)
 * before and after: this process (the host, in-process, with Playwright's driver), the pty
 * side (shells and the commands they ran), and every Chromium process by its --type. On a
 * shared 2-core machine CPU time per unit of work is steadier than wall-clock time.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { summarize } from './stats'

/** sysconf(_SC_CLK_TCK) is 100 on Linux: /proc counts CPU time in 10 ms ticks. */
const TICK_MS = 10

export const PROCESS_KINDS = [
  'host',
  'pty',
  'browser',
  'renderer',
  'gpu',
  'network',
  'storage',
  'utility',
  'zygote',
  'other',
] as const
export type ProcessKind = (typeof PROCESS_KINDS)[number]

const KIND_LABELS: Record<ProcessKind, string> = {
  host: 'host (Node)',
  pty: 'pty side',
  browser: 'browser',
  renderer: 'renderer',
  gpu: 'GPU',
  network: 'network',
  storage: 'storage',
  utility: 'utility',
  zygote: 'zygote',
  other: 'other',
}

interface Stat {
  ppid: number
  /** utime + stime. */
  ownMs: number
  /** cutime + cstime: children waited for (a command a shell ran and that exited). */
  childrenMs: number
}

function readStat(pid: number): Stat | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null // gone
  }
  // Fields after "(comm)": state is field 3, so field n is at index n - 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const field = (n: number) => Number(fields[n - 3])
  return {
    ppid: field(4),
    ownMs: (field(14) + field(15)) * TICK_MS,
    childrenMs: (field(16) + field(17)) * TICK_MS,
  }
}

function commandLine(pid: number): string[] {
  let argv: string[]
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  } catch {
    return []
  }
  // Chromium's child processes rewrite their title: one string, words split by spaces.
  return argv.length === 1 ? argv[0]!.split(' ') : argv
}

function kindOf(pid: number): ProcessKind {
  if (pid === process.pid) return 'host'
  const argv = commandLine(pid)
  const program = basename(argv[0] ?? '')
  if (program === 'esbuild') return 'other'
  if (!/chrom|headless_shell/.test(program)) return 'pty'
  const option = (name: string) =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null
  const type = option('type')
  if (type === null) return 'browser'
  if (type === 'renderer') return 'renderer'
  if (type === 'gpu-process') return 'gpu'
  if (type === 'zygote') return 'zygote'
  if (type === 'utility') {
    const sub = option('utility-sub-type') ?? ''
    if (sub.startsWith('network.')) return 'network'
    if (sub.startsWith('storage.')) return 'storage'
    return 'utility'
  }
  return 'other'
}

export type CpuSnapshot = Map<number, { kind: ProcessKind; ms: number }>

/** CPU time so far of this process and every process below it (its Chromiums, its shells). */
export function cpuSnapshot(): CpuSnapshot {
  const stats = new Map<number, Stat>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = readStat(Number(name))
    if (stat) stats.set(Number(name), stat)
  }
  const children = new Map<number, number[]>()
  for (const [pid, stat] of stats) {
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid])
  }
  const snapshot: CpuSnapshot = new Map()
  const visit = (pid: number) => {
    const stat = stats.get(pid)
    if (!stat) return
    const kind = kindOf(pid)
    // A shell's exited commands count as the pty side's (the host's own children do not).
    snapshot.set(pid, { kind, ms: stat.ownMs + (kind === 'pty' ? stat.childrenMs : 0) })
    for (const child of children.get(pid) ?? []) visit(child)
  }
  visit(process.pid)
  return snapshot
}

export type CpuByKind = Partial<Record<ProcessKind, number>>

/** CPU ms spent by kind of process between two snapshots (new processes count whole). */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): CpuByKind {
  const spent: CpuByKind = {}
  for (const [pid, { kind, ms }] of after) {
    const delta = ms - (before.get(pid)?.ms ?? 0)
    if (delta > 0) spent[kind] = (spent[kind] ?? 0) + delta
  }
  return spent
}

/** Measures the CPU time `work` costs, by kind of process. */
export async function withCpu<T>(work: () => Promise<T>): Promise<{ value: T; cpu: CpuByKind }> {
  const before = cpuSnapshot()
  const value = await work()
  return { value, cpu: cpuSpent(before, cpuSnapshot()) }
}

/** Collects CPU figures per variant (one entry per measured round, scaled by its work). */
export function createCpuLog() {
  const rounds = new Map<string, CpuByKind[]>()
  return {
    /** Records one round's CPU divided by `units` (MB flooded, keys typed...). */
    add(variant: string, cpu: CpuByKind, units: number) {
      const scaled: CpuByKind = {}
      for (const [kind, ms] of Object.entries(cpu)) scaled[kind as ProcessKind] = ms / units
      rounds.set(variant, [...(rounds.get(variant) ?? []), scaled])
    },
    /** One line per variant: the median CPU ms per unit of each kind of process, and the total. */
    lines(unit: string): string[] {
      const out: string[] = []
      for (const [variant, list] of rounds) {
        const median = (kind: ProcessKind) => summarize(list.map((r) => r[kind] ?? 0)).median
        const total = summarize(
          list.map((r) => Object.values(r).reduce((sum, ms) => sum + (ms ?? 0), 0)),
        ).median
        const parts = PROCESS_KINDS.map((kind) => [kind, median(kind)] as const)
          .filter(([, ms]) => ms >= 0.5)
          .map(([kind, ms]) => `${KIND_LABELS[kind]} ${ms.toFixed(ms >= 10 ? 0 : 1)}`)
        out.push(
          `CPU ms per ${unit}, ${variant} (median of ${list.length}): ${parts.join(', ')}; total ${total.toFixed(0)}`,
        )
      }
      return out
    },
    /** Raw per-round figures, for the JSON report. */
    rounds: () => Object.fromEntries(rounds),
  }
}
