import { describe, expect, it } from "vitest";
import { isUnpinnedSkillVersion } from "./is-unpinned-skill-version.js";

describe("isUnpinnedSkillVersion", () => {
  it.each([
    [undefined],
    [""],
    ["  "],
    ["latest"],
    ["LATEST"],
    ["next"],
    ["main"],
    ["master"],
    ["head"],
    ["HEAD"],
    ["*"],
    ["x"],
    ["^1.2.0"],
    ["~1"],
    ["1.x"],
    ["1.2.X"],
    ["1.2.*"],
    ["v1.x"],
    [">=1"],
    ["<2.0.0"],
    ["=^1"],
    [">=1 <2"],
    ["1 - 2"],
    ["1 || 2"],
  ])("%j is unpinned", (version) => {
    expect(isUnpinnedSkillVersion(version)).toBe(true);
  });

  it.each([
    ["1.2.3"],
    ["v1.2.3"],
    ["=1.2.3"],
    ["2026.8.31"],
    ["1.0.0-fix.1"],
    ["1.0.0-rc.1+build.x"],
    ["0.0.1-x"],
    ["1"],
  ])("%j is exact", (version) => {
    expect(isUnpinnedSkillVersion(version)).toBe(false);
  });
});
