import pino from "pino";
import type { Logger } from "./ports";

/*
 * Structured logs for operators. Tokens, card payloads and message text never belong here;
 * the redaction list is a safety net for the fields most likely to carry them by accident.
 */
const REDACT = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "token",
  "*.token",
  "password",
  "*.password",
  "text",
  "*.text",
  "email",
  "*.email",
  "displayName",
  "*.displayName",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const base = pino(
    { level, redact: { paths: REDACT, censor: "[redacted]" }, base: { service: "policy-bot" } },
    destination,
  );
  return wrap(base);
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (fields, message) => p.debug(fields, message),
    info: (fields, message) => p.info(fields, message),
    warn: (fields, message) => p.warn(fields, message),
    error: (fields, message) => p.error(fields, message),
    child: (fields) => wrap(p.child(fields)),
  };
}
