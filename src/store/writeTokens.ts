import { randomBytes } from "node:crypto";
import { WRITE_TOKENS_KEPT } from "./sharepoint/listSchema";

/*
 * Write tokens: each write attempt carries a random token into the item's `writeTokens` column
 * (newest first, the last few kept). A writer whose answer was lost (a timeout, a dropped
 * connection, a retry that met its own first attempt) reads the item and finds its token there:
 * the write was applied. This, not a status code, is how a create or an update learns it won.
 */

/** 96 random bits, 16 characters: identifies one write attempt (and its retries). */
export function newWriteToken(): string {
  return randomBytes(12).toString("base64url");
}

export function tokensOf(value: unknown): string[] {
  return typeof value === "string" ? value.split(" ").filter(Boolean) : [];
}

/** The column value after a write: its token first, then the history it carries on. */
export function withToken(token: string, history: readonly string[]): string[] {
  return [token, ...history].slice(0, WRITE_TOKENS_KEPT);
}
