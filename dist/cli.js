#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CancelGuard,
  ConfigError,
  INPUT_DEFAULTS,
  Progress,
  SpawnRunner,
  childEnvironment,
  distsDir,
  errorMessage,
  loadConfig,
  mayHoldCommand,
  parseRunEvent,
  renderText,
  runPipeline,
  runnerArchitecture,
  withCommandsStopped,
  writeReport
} from "./chunks/chunk-RFUCEJZC.js";
import "./chunks/chunk-M46RQJ22.js";
import {
  require_node_util
} from "./chunks/chunk-FPV2BY4R.js";
import {
  __toESM,
  require_node_crypto,
  require_node_fs,
  require_node_os,
  require_node_path
} from "./chunks/chunk-XM6D3CJ7.js";

// src/cli.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var import_node_util = __toESM(require_node_util(), 1);
function reportRun(io, log, metrics, place) {
  const { files, tempDir, reportsDir } = place;
  const report = writeReport(metrics, files.dir);
  const local = import_node_path.default.join(reportsDir ?? place.cwd, "python-ci-report.md");
  (0, import_node_fs.copyFileSync)(report.path, local);
  const copied = reportsDir ? copyReports(files, reportsDir) : [];
  const kept = [files.dir, distsDir({ tempDir })];
  for (const entry of (0, import_node_fs.readdirSync)(tempDir)) {
    if (!kept.includes(import_node_path.default.join(tempDir, entry)))
      (0, import_node_fs.rmSync)(import_node_path.default.join(tempDir, entry), { recursive: true, force: true });
  }
  log.info(`
${renderText(metrics)}`);
  io.out(
    reportsDir ? `Report: ${local}${copied.length ? `, with ${copied.join(", ")}` : ""} in ${reportsDir}` : `Report: ${local} (JUnit and coverage files in ${files.dir})`
  );
  const built = [metrics.build?.sdist, metrics.build?.wheel].filter((d) => d !== void 0);
  if (built.length > 0) io.out(`Built: ${built.map((d) => d.path).join(", ")}`);
  for (const reason of metrics.verdict.reasons) log.error(reason);
}
var USAGE = `Usage: python-ci-action [path] [options]

Sets up Python, installs the project at path (default: .) in a fresh virtual
environment, builds sdist and wheel while pytest runs under coverage, prints the
report and writes it to python-ci-report.md. Exits 1 when the action would fail.

Options (each also read from INPUT_<NAME>, as the action's inputs are). A flag's
value is the next argument, whatever it starts with: --pytest-args "-k 'not slow'".
  --python X                 a version or range (3.12, >=3.10), or an interpreter's path
  --install X                auto | none | extra:NAME | group:NAME | requirements:PATH
  --pip-args "..."           extra pip install arguments, e.g. --pip-args --pre
  --pytest-args "..."        extra pytest arguments, e.g. --pytest-args "-k 'not slow'"
  --coverage-source X        packages or folders to measure, comma-separated
  --fail-under N             exit 1 when total coverage is under N percent
  --test-timeout MINUTES     end pytest after this long (e.g. 1.5), report what
                             finished and exit 1
  --diff-base REF            count changed lines from REF (git diff REF...HEAD), e.g. origin/main
  --fail-under-diff N        exit 1 when the changed lines' coverage is under N percent
  --reports-dir DIR          write junit.xml, coverage.xml, coverage.json and
                             python-ci-report.md to DIR (made if missing), for
                             Jenkins, GitLab or Travis to pick up
  --system-site-packages     let the venv see the base Python's packages
  --no-build                 skip building sdist and wheel
  --no-build-isolation       build and install without PEP 517 isolation
  --no-test                  skip pytest
  --no-subprocess-coverage   measure the pytest process alone, not the processes it starts
  --no-fail-on-test-failure  exit 0 even when tests fail
  --allow-no-tests           exit 0 when pytest collects no test
  --verbose                  show what the tools print, and debug output
  -h, --help                 this text
`;
function terminalLog(io, verbose, onActions) {
  const where = (p) => p?.file ? ` (${p.file}${p.startLine ? `:${p.startLine}` : ""})` : "";
  const safe = (m) => onActions && mayHoldCommand(m) ? withCommandsStopped(m, (0, import_node_crypto.randomUUID)()) : m;
  const out = (m) => io.out(safe(m));
  const err = (m) => io.err(safe(m));
  let inGroup = false;
  return {
    info: (m) => {
      if (verbose || !inGroup) out(m);
    },
    warning: (m, p) => err(`warning${where(p)}: ${m}`),
    error: (m, p) => err(`error${where(p)}: ${m}`),
    debug: (m) => {
      if (verbose) out(m);
    },
    group: async (title, body) => {
      if (verbose) io.out(`
\u25B8 ${title}`);
      inGroup = true;
      try {
        return await body();
      } finally {
        inGroup = false;
      }
    }
  };
}
function cliWorkspace(cwd, projectDir) {
  const relative = import_node_path.default.relative(cwd, projectDir);
  if (relative !== ".." && !relative.startsWith(`..${import_node_path.default.sep}`) && !import_node_path.default.isAbsolute(relative))
    return cwd;
  for (let dir = projectDir; ; dir = import_node_path.default.dirname(dir)) {
    if ((0, import_node_fs.existsSync)(import_node_path.default.join(dir, ".git"))) return dir;
    if (import_node_path.default.dirname(dir) === dir) return projectDir;
  }
}
async function runCli(argv, io) {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${errorMessage(error)}

${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    io.err(
      `one project path at most, got: ${positionals.map((p) => JSON.stringify(p)).join(", ")}; a flag takes one argument, so quote a value with spaces, e.g. --pytest-args "-k 'not slow'"

${USAGE}`
    );
    return 2;
  }
  let reportsDir;
  if (values["reports-dir"] !== void 0) {
    reportsDir = import_node_path.default.resolve(io.cwd, values["reports-dir"]);
    try {
      if (values["reports-dir"] === "") throw new Error("it is empty");
      (0, import_node_fs.mkdirSync)(reportsDir, { recursive: true });
    } catch (error) {
      io.err(
        `--reports-dir: ${JSON.stringify(values["reports-dir"])} cannot be used as a folder (${errorMessage(error)}); give a folder to create or reuse, relative to the current one, e.g. reports`
      );
      return 2;
    }
  }
  const python = values.python ?? "";
  const interpreter = /[\\/]/.test(python) ? import_node_path.default.resolve(io.cwd, python) : /^python[\w.]*$/.test(python) ? onPath(python, io.env.PATH ?? "") : void 0;
  if (/^python/.test(python) && interpreter === void 0) {
    io.err(
      `--python: "${python}" is not on PATH; give a version (3.12), a range (>=3.10) or an interpreter's path`
    );
    return 2;
  }
  const flags = {
    "working-directory": positionals[0],
    "python-version": interpreter ? void 0 : values.python,
    install: values.install,
    "pip-args": values["pip-args"],
    "pytest-args": values["pytest-args"],
    "coverage-source": values["coverage-source"],
    "fail-under": values["fail-under"],
    "test-timeout": values["test-timeout"],
    "diff-base": values["diff-base"],
    "fail-under-diff": values["fail-under-diff"],
    "system-site-packages": values["system-site-packages"] ? "true" : void 0,
    build: values["no-build"] ? "false" : void 0,
    "build-isolation": values["no-build-isolation"] ? "false" : void 0,
    test: values["no-test"] ? "false" : void 0,
    "subprocess-coverage": values["no-subprocess-coverage"] ? "false" : void 0,
    "fail-on-test-failure": values["no-fail-on-test-failure"] ? "false" : void 0,
    "allow-no-tests": values["allow-no-tests"] ? "true" : void 0
  };
  const fromEnv = (name) => io.env[`INPUT_${name.toUpperCase()}`] ?? io.env[`INPUT_${name.toUpperCase().replaceAll("-", "_")}`];
  const given = (name) => flags[name] ?? fromEnv(name) ?? INPUT_DEFAULTS[name];
  const workspace = cliWorkspace(io.cwd, import_node_path.default.resolve(io.cwd, given("working-directory")));
  const read = (name) => name === "working-directory" ? import_node_path.default.relative(workspace, import_node_path.default.resolve(io.cwd, given(name))) || "." : given(name);
  const event = parseRunEvent(io.env, {});
  const log = terminalLog(io, values.verbose === true, event.onActions);
  const runner = new SpawnRunner();
  const progress = new Progress("run");
  let tempDir;
  const where = { reportsDir, cwd: io.cwd };
  const report = async (metrics) => {
    if (progress.files !== void 0 && tempDir !== void 0)
      reportRun(io, log, metrics, { files: progress.files, tempDir, ...where });
  };
  const cancel = new CancelGuard(runner, progress, log, report, 130);
  const stop = (signal) => {
    io.err(`${signal}: ending the programs this run started`);
    void cancel.cancel(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    const { config, warnings } = loadConfig(read, {
      workspace,
      defaultArchitecture: runnerArchitecture()
    });
    for (const w of warnings) log.warning(w);
    tempDir = (0, import_node_fs.mkdtempSync)(import_node_path.default.join(import_node_os.default.tmpdir(), "python-ci-"));
    const host = {
      log,
      runner,
      onActions: false,
      workspace,
      tempDir,
      toolCacheDir: void 0,
      env: childEnvironment(io.env),
      addPath: () => {
      },
      exportVariable: () => {
      }
    };
    const { metrics, files } = await runPipeline(host, config, { event, interpreter, progress });
    if (!cancel.reporting()) return 130;
    reportRun(io, log, metrics, { files, tempDir, ...where });
    return metrics.verdict.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(asFlagError(error.message, flags));
      return 2;
    }
    log.error(error instanceof Error ? error.stack ?? error.message : String(error));
    return 1;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
var FLAG_OF = {
  "working-directory": "path",
  "python-version": "--python",
  install: "--install",
  "pip-args": "--pip-args",
  "pytest-args": "--pytest-args",
  "coverage-source": "--coverage-source",
  "fail-under": "--fail-under",
  "test-timeout": "--test-timeout",
  "diff-base": "--diff-base",
  "fail-under-diff": "--fail-under-diff"
};
function asFlagError(message, flags) {
  const input = Object.keys(FLAG_OF).find((name) => message.startsWith(`${name}:`));
  const flag = input && flags[input] !== void 0 ? FLAG_OF[input] : void 0;
  return flag && input ? `${flag}${message.slice(input.length)}` : message;
}
function onPath(name, pathVariable) {
  for (const dir of pathVariable.split(import_node_path.default.delimiter)) {
    if (dir === "") continue;
    for (const candidate of [import_node_path.default.join(dir, name), import_node_path.default.join(dir, `${name}.exe`)]) {
      if ((0, import_node_fs.existsSync)(candidate)) return candidate;
    }
  }
  return void 0;
}
var REPORT_FILES = ["junit.xml", "coverage.xml", "coverage.json"];
function copyReports(files, dir) {
  const copied = [];
  for (const name of REPORT_FILES) {
    const from = import_node_path.default.join(files.dir, name);
    const to = import_node_path.default.join(dir, name);
    if ((0, import_node_fs.existsSync)(from)) {
      (0, import_node_fs.copyFileSync)(from, to);
      copied.push(name);
    } else (0, import_node_fs.rmSync)(to, { force: true });
  }
  return copied;
}
var OPTIONS = {
  python: { type: "string" },
  install: { type: "string" },
  "pip-args": { type: "string" },
  "pytest-args": { type: "string" },
  "coverage-source": { type: "string" },
  "fail-under": { type: "string" },
  "test-timeout": { type: "string" },
  "diff-base": { type: "string" },
  "fail-under-diff": { type: "string" },
  "reports-dir": { type: "string" },
  "system-site-packages": { type: "boolean" },
  "no-build": { type: "boolean" },
  "no-build-isolation": { type: "boolean" },
  "no-test": { type: "boolean" },
  "no-subprocess-coverage": { type: "boolean" },
  "no-fail-on-test-failure": { type: "boolean" },
  "allow-no-tests": { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
function attachValues(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return [...out, ...argv.slice(i)];
    const name = arg.slice(2);
    const takesValue = arg.startsWith("--") && Object.hasOwn(OPTIONS, name) && OPTIONS[name].type === "string";
    if (takesValue && i + 1 < argv.length) {
      out.push(`${arg}=${argv[i + 1]}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
function parse(argv) {
  return (0, import_node_util.parseArgs)({
    args: attachValues(argv),
    allowPositionals: true,
    strict: true,
    options: OPTIONS
  });
}

// src/bin.ts
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}
`),
  err: (text) => process.stderr.write(`${text}
`),
  cwd: process.cwd(),
  env: process.env
});
//# sourceMappingURL=cli.js.map
