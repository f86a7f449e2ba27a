import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without declarations
import { importsToRequires, seedStep1Program } from "./release-check-app.mjs";
// @ts-expect-error plain JavaScript module without declarations
import { installNames } from "./release-check-readmes.mjs";

describe("importsToRequires", () => {
  it("turns the seed's import lines into require calls", () => {
    const code = `import { sec0SecurityMiddleware } from "sec0-sdk/middleware";
import { LocalDevSigner as Signer, parsePolicyYaml } from "sec0-sdk/policy";
import fs from "node:fs";
import * as path from "node:path";
import {
  a,
  b,
} from "x";
const x = 1; // import { not } from "a comment";`;
    expect(importsToRequires(code)).toBe(`const { sec0SecurityMiddleware } = require("sec0-sdk/middleware");
const { LocalDevSigner: Signer, parsePolicyYaml } = require("sec0-sdk/policy");
const fs = require("node:fs");
const path = require("node:path");
const {
  a,
  b,
} = require("x");
const x = 1; // import { not } from "a comment";`);
  });

  it("refuses an import it cannot turn into a require", () => {
    expect(() => importsToRequires('import "side-effect";')).toThrow(/cannot turn into a require/);
  });

  it("builds a CommonJS program with no import left", () => {
    const program = seedStep1Program(
      'import fs from "node:fs";\nconst server = createYourMcpServer();',
      "require",
    );
    expect(program).not.toMatch(/^import\b/m);
    expect(program).toContain('const fs = require("node:fs");');
  });
});

describe("installNames", () => {
  it("reads the packages of the Install section's first sh block", () => {
    const readme = `# x

## Install

\`\`\`sh
npm install sec0-sdk @modelcontextprotocol/sdk zod
npm install --save-dev @sec0/cli   # then run it as \`npx sec0 …\`
pnpm add @sec0/evaluator   # or: npm i sec0-sdk
npx sec0 keygen   # not an install
\`\`\`

\`\`\`sh
npm install not-this-block
\`\`\`

## Quickstart

\`\`\`sh
npm install nor-this-section
\`\`\`
`;
    expect(installNames(readme)).toEqual([
      "sec0-sdk",
      "@modelcontextprotocol/sdk",
      "zod",
      "@sec0/cli",
      "@sec0/evaluator",
    ]);
  });

  it("is empty without an Install section", () => {
    expect(installNames("# x\n\n## Set up\n\n```sh\nnpm install a\n```\n")).toEqual([]);
  });
});
