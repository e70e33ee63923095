// What every bench prints its figures with.
import os from 'node:os'

/** The middle value (the mean of the two middle ones for an even count): one slow repetition does not move it. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The 1, 5 and 15 minute load averages, as `uptime` shows them: other work on the machine skews every time. */
export function loadAverage() {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}
