import { httpError } from "../errors.js";
import type { ObjectStore } from "./object-store.js";
import type { UploadGrant } from "./upload-tokens.js";

/**
 * Stores a raw-payload (NDJSON, complete lines) or scan-evidence (one JSON document) upload as
 * its own object. These are not signed by the client, so only their form is checked.
 *
 * @throws `CP_BODY_INVALID` for a body that is not what the mode says.
 */
export async function storePlainUpload(
  store: ObjectStore,
  grant: UploadGrant,
  body: Buffer,
): Promise<{ key: string; bytes: number }> {
  const text = body.toString("utf8");
  try {
    if (grant.mode === "scan") JSON.parse(text);
    else {
      if (text !== "" && !text.endsWith("\n")) throw new Error("partial line");
      for (const line of text.split("\n").slice(0, -1)) JSON.parse(line);
    }
  } catch {
    throw httpError(
      "CP_BODY_INVALID",
      grant.mode === "scan"
        ? "Scan evidence must be one JSON document."
        : "A raw upload must be complete JSON lines.",
    );
  }
  await store.put(grant.objectKey, body);
  return { key: grant.objectKey, bytes: body.length };
}
