import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tooling/*", "tests/*"],
    reporters: ["default", "./tooling/vitest-config/summary-reporter.js"],
  },
});
