import { z } from "zod";

/**
 * How the caller's identity in `x-auth-context` was obtained: a signed assertion, a bearer token,
 * a hash the caller computed itself, or nothing.
 */
export const AuthContextSchemeSchema = z.enum(["assertion", "bearer", "prehashed", "none"]);

/** How the caller's identity in `x-auth-context` was obtained. */
export type AuthContextScheme = z.infer<typeof AuthContextSchemeSchema>;

/**
 * The `x-auth-context` identity context of sec0-sdk 0.2.3: JSON describing who the caller claims
 * to be. The JWT claims are copied *unverified* by the sender, so a receiver records this for the
 * audit trail and never trusts it for authorisation. Unknown members are kept.
 *
 * @example
 * AuthContextSchema.parse({ scheme: "bearer", token_sha256: "ab12…", jwt: { sub: "u1", aud: ["api"] } });
 */
export const AuthContextSchema = z.looseObject({
  scheme: AuthContextSchemeSchema,
  user_hash: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  roles: z.array(z.string()).optional(),
  token_sha256: z.string().min(1).optional(),
  jwt: z
    .looseObject({
      sub: z.string().optional(),
      iss: z.string().optional(),
      aud: z.union([z.string(), z.array(z.string())]).optional(),
      exp: z.number().optional(),
      iat: z.number().optional(),
      email: z.string().optional(),
      tenant: z.string().optional(),
    })
    .optional(),
});

/** The `x-auth-context` identity context. */
export type AuthContext = z.infer<typeof AuthContextSchema>;

/**
 * The raw `x-auth-context` header value: a JSON text that parses to an {@link AuthContextSchema}.
 * Invalid JSON is reported as a zod issue, not thrown.
 *
 * @example
 * AuthContextHeaderSchema.safeParse('{"scheme":"none"}'); // { success: true, data: { scheme: "none" } }
 */
export const AuthContextHeaderSchema = z
  .string()
  .max(8192)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "x-auth-context is not valid JSON" });
      return z.NEVER;
    }
  })
  .pipe(AuthContextSchema);
