import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Fixture apps carry their own tests, run only inside reproduction sandboxes.
    exclude: [...configDefaults.exclude, "tests/fixtures/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Database tests each create their own database; two cores in CI.
    pool: "forks",
    maxWorkers: 2,
  },
});
