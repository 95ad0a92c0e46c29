import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e files each start their own fake servers on ephemeral ports; run files in parallel.
    pool: "forks",
    reporters: ["default"],
  },
});
