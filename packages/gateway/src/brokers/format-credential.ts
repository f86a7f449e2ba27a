import type { BrokerConfig } from "./broker-config.js";

/**
 * The header value carrying `token`: `Bearer <token>` (default), the token itself (`raw`), or the
 * template with every `{token}` replaced (`template`).
 *
 * @example
 * formatCredential("abc", { type: "static", format: "template", template: "Token {token}" }); // "Token abc"
 */
export function formatCredential(token: string, config: Pick<BrokerConfig, "format" | "template">): string {
  switch (config.format ?? "bearer") {
    case "raw":
      return token;
    case "template":
      return (config.template ?? "{token}").split("{token}").join(token);
    default:
      return `Bearer ${token}`;
  }
}
