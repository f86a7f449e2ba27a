import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/audit` throws, each with what it means; docs/errors.md says what to do. */
export const AUDIT_ERRORS = defineErrorCodes({
  AUDIT_CONFIG_INVALID:
    "Sec0Appender config is malformed: empty dir, unknown durability, a retention below 1 day, a negative checkpoint count or interval.",
  AUDIT_ENVELOPE_INVALID:
    "An appended envelope is not a plain object, its ts is not a time, or its type is reserved (sec0.checkpoint, sec0.repair).",
  AUDIT_APPENDER_CLOSED: "append was called after close().",
  AUDIT_WRITE_FAILED: "Writing or syncing the day file failed (disk full, permissions).",
  AUDIT_REPAIR_FAILED:
    "The day file's last lines could not be verified and moving them to a quarantine file failed (disk full, permissions): nothing was cut or appended.",
  AUDIT_KEY_INVALID: "The public key given to the verifier is not 32 bytes.",
  AUDIT_HEAD_INVALID:
    "A known audit head (parseAuditHead, sec0 audit verify --known-head or --from) is not JSON or not a signed sec0.checkpoint record.",
  AUDIT_UPLOAD_CONFIG_INVALID: "presign lacks auditKey, tenant, environment, clientName or clientVersion.",
  AUDIT_UPLOAD_FAILED:
    "The presigned upload failed after its retries (HTTP 408/429/5xx and network errors are retried with linear backoff).",
});

/** A code of {@link AUDIT_ERRORS}. */
export type AuditErrorCode = keyof typeof AUDIT_ERRORS;
