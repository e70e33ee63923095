// Unit tests import TypeScript from src/; the e2e project runs the bundles in dist/; the
// harness project checks the stand-ins against real clients; the agreement project checks
// our numbers against the real tools' (diff-cover, coverage.py, pytest).
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
}
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
}
// These start servers and Python processes: minutes per file on a loaded machine.
const slow = { ...common, testTimeout: 180000 }
const slowFolders = ['e2e', 'harness', 'agreement']
export default {
  verbose: false,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        ...slowFolders.map((folder) => `<rootDir>/__tests__/${folder}/`),
      ],
    },
    ...slowFolders.map((folder) => ({
      ...slow,
      displayName: folder,
      testMatch: [`<rootDir>/__tests__/${folder}/**/*.test.ts`],
    })),
  ],
}
