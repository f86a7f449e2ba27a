import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { parseSkillRef } from "./parse-skill-ref.js";

describe("parseSkillRef", () => {
  it.each([
    [
      "clawhub/acme/pdf-tools@1.2.0#sha256:ab12",
      { version: "1.2.0", digest: "sha256:ab12", revisionRef: "clawhub/acme/pdf-tools@1.2.0#sha256:ab12" },
    ],
    [
      "clawhub/acme/pdf-tools@1.2.0",
      { version: "1.2.0", revisionRef: "clawhub/acme/pdf-tools@1.2.0#unknown" },
    ],
    ["clawhub/acme/pdf-tools", { revisionRef: "clawhub/acme/pdf-tools@unknown#unknown" }],
    [
      "clawhub/acme/pdf-tools#sha256:ab12",
      { digest: "sha256:ab12", revisionRef: "clawhub/acme/pdf-tools@unknown#sha256:ab12" },
    ],
    [
      "  github.com/acme_co/pdf.tools@^1  ",
      { version: "^1", revisionRef: "github.com/acme_co/pdf.tools@^1#unknown" },
    ],
  ])("%s", (text, expected) => {
    const ref = parseSkillRef(text);
    expect(ref).toMatchObject(expected);
    expect(ref.skillRef).toBe(`${ref.source}/${ref.author}/${ref.name}`);
    if (!("version" in expected)) expect(ref).not.toHaveProperty("version");
    if (!("digest" in expected)) expect(ref).not.toHaveProperty("digest");
  });

  it("splits the parts", () => {
    expect(parseSkillRef("clawhub/acme/pdf@1#d")).toEqual({
      source: "clawhub",
      author: "acme",
      name: "pdf",
      version: "1",
      digest: "d",
      skillRef: "clawhub/acme/pdf",
      revisionRef: "clawhub/acme/pdf@1#d",
    });
  });

  it.each([
    ["", /three parts/],
    ["acme/pdf", /three parts/],
    ["clawhub/acme/pdf/extra", /three parts/],
    ["clawhub//pdf", /is not a source, author or name/],
    ["clawhub/acme/pdf tools", /is not a source, author or name/],
    ["clawhub/-acme/pdf", /is not a source, author or name/],
    ["clawhub/acme/pdf@", /is not a version/],
    ["clawhub/acme/pdf@1@2", /is not a version/],
    ["clawhub/acme/pdf@1#", /is not a digest/],
    ["clawhub/acme/pdf@1#a#b", /is not a digest/],
    ["clawhub/acme/pdf#sha 256", /is not a digest/],
  ])("refuses %j", (text, reason) => {
    let caught: unknown;
    try {
      parseSkillRef(text);
    } catch (error) {
      caught = error;
    }
    expect(isSec0Error(caught, "POLICY_SKILL_REF_INVALID")).toBe(true);
    expect((caught as Error).message).toMatch(reason);
    expect((caught as { details?: { ref?: string } }).details?.ref).toBe(text);
  });
});
