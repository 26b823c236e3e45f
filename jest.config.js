/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        // Packages are required on first use: jest compiles every module again for each test file,
        // and constructs/providers.ts names 56 provider classes (8.6 MB of JavaScript) of which a
        // construct's tests use a few. About 15 % off the construct suites.
        module: { type: "commonjs", lazy: true },
      },
    ],
  },
  // One temporary folder per run (TMPDIR), removed at its end.
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // The azurerm bindings are large; one worker per core keeps memory predictable on 2-core machines.
  maxWorkers: 2,
  // A guard against a hang, not a speed limit: a synth on a machine loaded by other runs may take
  // many times its quiet duration, and no test may fail for that.
  testTimeout: 120_000,
};
