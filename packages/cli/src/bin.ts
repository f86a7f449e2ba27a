#!/usr/bin/env node
import { createProcessIo } from "./cli-context.js";
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), createProcessIo());
