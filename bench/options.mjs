// The benches' command line.

/** The word after `name` on the command line, or `fallback` when `name` is not there. */
export function option(name, fallback) {
  const at = process.argv.indexOf(name)
  return at === -1 ? fallback : process.argv[at + 1]
}

/** --reps N, a whole number of 1 or more (default `fallback`); anything else stops the bench with one line. */
export function repetitions(fallback) {
  const value = option('--reps', String(fallback))
  const reps = Number(value)
  if (!Number.isInteger(reps) || reps < 1) {
    console.error(`--reps: ${value} is not a whole number of 1 or more`)
    process.exit(2)
  }
  return reps
}
