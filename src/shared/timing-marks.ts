/**
 * Names of the performance marks the renderer sets and `npm run bench` reads: one list, so a
 * rename cannot silently break a benchmark.
 */
export const TIMING_MARKS = {
  /** The app's bundle started (after the start-up path showed the shell: src/renderer/boot.ts). */
  appLoaded: 'warroom:app-loaded',
  recordLoadStart: 'warroom:record-load-start',
  recordLoaded: 'warroom:record-loaded',
  /** The first shell output parsed by xterm. */
  livePrompt: 'warroom:live-prompt',
  importStart: 'warroom:import-start',
  /** The import file read, checked and verified, about to be written. */
  importChecked: 'warroom:import-checked',
  importDone: 'warroom:import-done',
  /** The frame after the timeline first committed its rows. */
  timelinePainted: 'warroom:timeline-painted',
  postmortemStart: 'warroom:postmortem-start',
  postmortemReady: 'warroom:postmortem-ready',
  /** Set by the benchmarks' bare xterm pages (test/bench/fixtures), not by the app. */
  bareLivePrompt: 'bare:live-prompt',
} as const
