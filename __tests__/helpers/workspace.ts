/**
 * Temporary workspaces holding a small Python project, for tests that read
 * real files (config, project). Call removeWorkspaces() in afterEach.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** File contents by path relative to the workspace; null leaves a default file out. */
export type Files = Readonly<Record<string, string | null>>

export const DEMO_PYPROJECT = `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "Demo_Pkg"
version = "0.1.0"
requires-python = ">=3.10"

[project.optional-dependencies]
test = ["pytest>=8"]
Dev = ["ruff"]

[dependency-groups]
lint = ["ruff"]
Test_Tools = ["pytest", { include-group = "lint" }]
`

/** The demo project's files: pyproject.toml and requirements-dev.txt. */
export const DEMO_FILES: Files = {
  'pyproject.toml': DEMO_PYPROJECT,
  'requirements-dev.txt': 'coverage\n',
}

const created: string[] = []

/** A fresh folder under the OS temp dir holding `files`. */
export function createWorkspace(files: Files = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'python-ci-action-test-'))
  created.push(root)
  for (const [relative, content] of Object.entries(files)) {
    if (content === null) continue
    const file = path.join(root, relative)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
  }
  return root
}

/** A workspace holding the demo project, with `overrides` written over (or, when null, instead of) its files. */
export function createPythonProject(overrides: Files = {}): string {
  return createWorkspace({ ...DEMO_FILES, ...overrides })
}

export function removeWorkspaces(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true })
}
