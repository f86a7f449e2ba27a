import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_SKILL_FILES, readSkillDir } from "./read-skill-dir.js";
import { canonicalSkillText, splitSkillText } from "./skill-content.js";

function skillDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "sec0-skill-dir-"));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

describe("readSkillDir", () => {
  it("reads every text file sorted by path, keeps binary files by digest only, and splits back for the scan", () => {
    const dir = skillDir({
      "SKILL.md": "# Tools\n",
      "scripts/run.py": "print('hi')\n",
      "assets/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    });
    const { files, problems } = readSkillDir(dir);
    expect(problems).toEqual([]);
    expect(files.map((file) => file.path)).toEqual(["SKILL.md", "assets/logo.png", "scripts/run.py"]);
    expect(files[1]).toEqual({ path: "assets/logo.png", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(splitSkillText(canonicalSkillText(files))).toEqual([
      { path: "SKILL.md", text: "# Tools\n" },
      { path: "scripts/run.py", text: "print('hi')\n" },
    ]);
  });

  it("follows a symlink to a file inside the folder, and refuses one that leaves it", () => {
    const outside = skillDir({ id_rsa: "-----BEGIN OPENSSH PRIVATE KEY-----\n" });
    const dir = skillDir({ "SKILL.md": "# Tools\n", "notes.md": "notes\n" });
    symlinkSync(join(dir, "notes.md"), join(dir, "alias.md"));
    symlinkSync(join(outside, "id_rsa"), join(dir, "key.txt"));
    const { files, problems } = readSkillDir(dir);
    expect(files.map((file) => [file.path, file.text])).toEqual([
      ["SKILL.md", "# Tools\n"],
      ["alias.md", "notes\n"],
      ["notes.md", "notes\n"],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ ruleId: "skill/symlink-outside", severity: "critical", file: "key.txt" }),
    ]);
  });

  it("stops at the file and byte limits with a problem, and flags a folder without SKILL.md", () => {
    const many: Record<string, string> = { "SKILL.md": "# Many\n" };
    for (let index = 0; index < MAX_SKILL_FILES + 5; index += 1) many[`docs/${index}.md`] = "x\n";
    expect(readSkillDir(skillDir(many)).problems).toEqual([
      expect.objectContaining({ ruleId: "skill/too-large", message: expect.stringContaining("200 files") }),
    ]);
    const big = skillDir({ "SKILL.md": "# Big\n", "data.txt": "a".repeat(2 * 1024 * 1024 + 1) });
    expect(readSkillDir(big).problems.map((problem) => problem.ruleId)).toEqual(["skill/too-large"]);
    expect(readSkillDir(skillDir({ "README.md": "hi\n" })).problems.map((problem) => problem.ruleId)).toEqual(
      ["skill/no-skill-md"],
    );
    expect(readSkillDir(join(tmpdir(), "sec0-no-such-skill")).problems[0]?.ruleId).toBe("skill/unreadable");
  });
});
