#!/usr/bin/env node
// `npx sec0` after `npm install sec0-sdk`: runs the sec0 command of @sec0/cli (a dependency of
// sec0-sdk) through @sec0/cli's own bin, so every `sec0` link runs the same program.
import { readFileSync } from "node:fs";

const manifestUrl = new URL(import.meta.resolve("@sec0/cli/package.json"));
const { bin } = JSON.parse(readFileSync(manifestUrl, "utf8"));
await import(new URL(bin.sec0, manifestUrl).href);
