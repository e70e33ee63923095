/**
 * Coverage of the changed lines, after the tests: the changed lines from `git diff
 * BASE...HEAD` when the base is in the checkout's history, else (a shallow checkout,
 * actions/checkout's default) from the pull request files API; the measured lines from
 * coverage.xml. Nothing here fails the step: what cannot be read becomes the reason the
 * result was not measured, and a failed API call is a warning.
 */
import { createReadStream, existsSync } from 'node:fs'
import type { Config } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { GitHubServices } from '../github/rest.js'
import { GitHubClient } from '../github/rest.js'
import type { RunEvent } from '../github/run-event.js'
import type { Host } from '../host.js'
import type { Log } from '../log.js'
import type { RunResult } from '../process.js'
import { CoberturaParser, type CoberturaReport, CoberturaReportError } from '../report/cobertura.js'
import { shortBase } from '../report/figures.js'
import { describeDiffCoverage } from '../report/markdown.js'
import type { DiffCoverageResult, DiffSource } from '../report/metrics.js'
import { runStep } from '../stage.js'
import { coverageByRepositoryPath, measureDiffCoverage } from './measure.js'
import { type DiffPlan, planDiff } from './plan.js'
import {
  DiffParseError,
  type FileDiff,
  type PullRequestFile,
  parseGitDiff,
  parsePullRequestFiles,
} from './unified-diff.js'

type Compare = Extract<DiffPlan, { kind: 'compare' }>

type ChangedFiles =
  | { readonly files: readonly FileDiff[]; readonly source: DiffSource }
  | { readonly reason: string }

/** Git's diff, or why git could not give it. */
type FromGit = { readonly diff: string } | { readonly missing: string; readonly fetch: boolean }

/** Why `git cat-file -e BASE^{commit}` failed; fetch: fetching the base would help. */
function whyNotInGit(run: RunResult, base: string): { missing: string; fetch: boolean } {
  if (run.code === 127) return { missing: 'git is not installed', fetch: false }
  if (/not a git repository/i.test(run.stderr)) {
    return { missing: 'the workspace is not a git repository', fetch: false }
  }
  return { missing: `the base ${shortBase(base)} is not in this checkout's history`, fetch: true }
}

/**
 * `git diff BASE...HEAD` with the default a/ b/ prefixes whatever the user's git
 * config says (the parser needs them), no colour, no external diff tool; --relative
 * gives paths from the workspace, as coverage's are mapped, when it is a subfolder.
 */
async function fromGit(host: Host, base: string): Promise<FromGit> {
  const git = (args: readonly string[]) =>
    host.runner.run('git', args, { cwd: host.workspace, env: host.env })
  const present = await git(['cat-file', '-e', `${base}^{commit}`])
  if (present.code !== 0) return whyNotInGit(present, base)
  const config = ['-c', 'diff.noprefix=false', '-c', 'diff.mnemonicprefix=false']
  const flags = ['--no-color', '--no-ext-diff', '--relative']
  const run = await git([...config, 'diff', ...flags, `${base}...HEAD`, '--'])
  if (run.code === 0) return { diff: run.stdout }
  // Histories without a common commit (a shallow fetch of the base alone, say).
  const said = run.stderr.trim().split('\n')[0] ?? ''
  return { missing: `git diff ${shortBase(base)}...HEAD failed: ${said}`, fetch: true }
}

async function fromApi(
  host: Host,
  log: Log,
  config: Config,
  plan: Compare,
  github: GitHubServices | undefined,
  git: Extract<FromGit, { missing: string }>,
): Promise<ChangedFiles> {
  const { missing } = git
  if (plan.explicit || plan.pullRequest === undefined) {
    const branch = plan.explicit ? plan.base : 'BRANCH'
    const advice = git.fetch
      ? `; fetch it (actions/checkout with fetch-depth: 0, or git fetch origin ${branch})`
      : ''
    return { reason: `${missing}${advice}` }
  }
  const token = config.githubToken
  if (token === undefined || github === undefined) {
    const why = token === undefined ? 'github-token is empty' : 'there is no GitHub API here'
    return { reason: `${missing} and ${why}, so the pull request's files cannot be listed` }
  }
  const { owner, repo, number } = plan.pullRequest
  const client = new GitHubClient({ token, env: host.env, ...github, onRetry: (m) => log.info(m) })
  try {
    const listed = await client.paginate<PullRequestFile>(
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls/${number}/files?per_page=100`,
    )
    log.info(
      `changed lines from the pull request files API (#${number}, ${listed.length} files): ${missing}`,
    )
    return { files: parsePullRequestFiles(listed), source: 'pull request files API' }
  } catch (error) {
    const reason = `the pull request's files could not be listed: ${errorMessage(error)}`
    if (github.outages?.note('github', error, 'no changed-lines coverage'))
      log.info(`Coverage of the changed lines is not measured: ${reason}`)
    else log.warning(`Coverage of the changed lines is not measured: ${reason}`)
    return { reason }
  }
}

async function changedFiles(
  host: Host,
  log: Log,
  config: Config,
  plan: Compare,
  github: GitHubServices | undefined,
): Promise<ChangedFiles> {
  const git = await fromGit(host, plan.base)
  if (!('diff' in git)) return fromApi(host, log, config, plan, github, git)
  log.info(`changed lines from git diff ${shortBase(plan.base)}...HEAD`)
  return { files: parseGitDiff(git.diff), source: 'git diff base...HEAD' }
}

async function readCobertura(file: string): Promise<CoberturaReport> {
  const parser = new CoberturaParser()
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }))
    parser.write(chunk as string)
  return parser.close()
}

async function measure(
  host: Host,
  log: Log,
  config: Config,
  event: RunEvent,
  coverageXml: string,
  github: GitHubServices | undefined,
): Promise<DiffCoverageResult> {
  const plan = planDiff({ configured: config.diffBase, event })
  if (plan.kind === 'none') return { measured: false, reason: plan.reason }
  const base = plan.base
  if (!existsSync(coverageXml)) return { measured: false, reason: 'no coverage.xml', base }
  try {
    const changed = await changedFiles(host, log, config, plan, github)
    if ('reason' in changed) return { measured: false, reason: changed.reason, base }
    const report = await readCobertura(coverageXml)
    const coverage = coverageByRepositoryPath(report, {
      workingDirectory: config.workingDirectory,
      repoPrefix: config.repoPrefix,
      exists: existsSync,
    })
    return measureDiffCoverage({ files: changed.files, coverage, source: changed.source, base })
  } catch (error) {
    if (!(error instanceof DiffParseError || error instanceof CoberturaReportError)) throw error
    const reason = `the changes cannot be read: ${error.message}`
    log.warning(`Coverage of the changed lines is not measured: ${reason}`)
    return { measured: false, reason, base }
  }
}

/** Measures, in its own log group, and logs one line with the result. */
export async function diffCoverageStage(
  host: Host,
  config: Config,
  event: RunEvent,
  coverageXml: string,
  github: GitHubServices | undefined,
): Promise<DiffCoverageResult> {
  const threshold = config.failUnderDiff
  const { value } = await runStep(host.log, {
    name: 'diff coverage',
    title: 'Coverage of the changed lines',
    run: (log) => measure(host, log, config, event, coverageXml, github),
    describe: (result) => {
      // A change without measured lines cannot miss the threshold: say that it was not checked.
      const unchecked =
        !result.measured && threshold !== undefined
          ? `; fail-under-diff ${threshold}% not checked`
          : ''
      const summary = `${describeDiffCoverage(result)}${unchecked}`
      return { ok: true, skipped: !result.measured, summary }
    },
  })
  return value
}
