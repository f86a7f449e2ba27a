import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const distIndex = new URL("../../dist/index.js", import.meta.url);
const writer = fileURLToPath(new URL("./crash-writer.mjs", import.meta.url));

/** True when the built package exists (the crash writer imports it). */
export const hasDist = existsSync(distIndex);
if (!hasDist) console.warn("crash-safety: skipped, packages/audit/dist is missing (run the build first)");

/**
 * Runs crash-writer.mjs in `signing` mode, SIGKILLs it `killAfterMs` after it is ready; resolves
 * to the acknowledged n's.
 */
export function runAndKill(
  dir: string,
  first: number,
  killAfterMs: number,
  signing: "per_record" | "checkpoint",
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, distIndex.href, dir, String(first), signing], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acknowledged: number[] = [];
    let buffered = "";
    let stderr = "";
    const guard = setTimeout(() => child.kill("SIGKILL"), 4000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() as string;
      for (const part of parts) {
        if (part === "ready") setTimeout(() => child.kill("SIGKILL"), killAfterMs);
        else if (part.startsWith("ok ")) acknowledged.push(Number(part.slice(3)));
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      if (signal !== "SIGKILL") reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve(acknowledged);
    });
  });
}
