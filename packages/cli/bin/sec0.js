#!/usr/bin/env node
// The `sec0` command. A committed shim so that package managers can link the binary before the
// package is built (in a workspace, `dist/` appears only after `pnpm build`).
import "../dist/bin.js";
