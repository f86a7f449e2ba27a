import { createHash, timingSafeEqual } from "node:crypto";

/** What an `Authorization` header proved. */
export type BearerCheck = "ok" | "missing" | "invalid";

/**
 * Creates the check of `Authorization: Bearer <token>` against `token`. Both sides are hashed to
 * equal-length digests and compared with `timingSafeEqual`, so neither the token's bytes nor its
 * length leak through timing.
 *
 * @example
 * const check = createBearerCheck(token);
 * if (check(req.headers.authorization) !== "ok") reply401();
 */
export function createBearerCheck(token: string): (authorization: string | undefined) => BearerCheck {
  const expected = digest(token);
  return (authorization) => {
    if (authorization === undefined || authorization === "") return "missing";
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (match === null) return "invalid";
    return timingSafeEqual(digest(match[1] as string), expected) ? "ok" : "invalid";
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
