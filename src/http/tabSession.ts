import type restify from "restify";
import type { Person } from "../domain/people/person";
import type { TabAuthenticator } from "../identity/tabAuth";
import type { Logger } from "../ports";
import type { TabApiErrorBody } from "./tabApiContract";

/*
 * The door to every tab API route: no caching (the answers name staff), sign-in checked on every
 * call (the tab keeps no server session), and one JSON shape for refusals the tab can show.
 */

/** Thrown by a handler for a refusal the tab shows as it is (400, 403, 404 ...). */
export class TabHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type TabHandler = (
  req: restify.Request,
  res: restify.Response,
  person: Person,
) => Promise<void>;

export function sendTabError(
  res: restify.Response,
  status: number,
  code: string,
  message: string,
): void {
  const body: TabApiErrorBody = { error: code, message };
  res.send(status, body);
}

/** Answers that may hold personal data: never stored by the browser, a proxy or Teams' webview. */
export function setPersonalDataHeaders(res: restify.Response): void {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Pragma", "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
}

/** Wraps a route: signs the caller in (401/403/503 otherwise), then runs the handler. */
export function signedIn(auth: TabAuthenticator, logger: Logger, handler: TabHandler) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    setPersonalDataHeaders(res);
    try {
      const signIn = await auth.authenticate(req.headers);
      if (!signIn.ok) {
        // The code says why; the token and its claims never reach the log.
        logger.info(
          { requestId: req.id(), route: req.getRoute()?.path, code: signIn.code },
          "tab sign-in refused",
        );
        if (signIn.status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="dashboard"');
        sendTabError(res, signIn.status, signIn.code, signIn.message);
        return;
      }
      await handler(req, res, signIn.person);
    } catch (error) {
      if (error instanceof TabHttpError) {
        sendTabError(res, error.status, error.code, error.message);
        return;
      }
      logger.error(
        { requestId: req.id(), route: req.getRoute()?.path, err: (error as Error).message },
        "tab API failed",
      );
      if (!res.headersSent)
        sendTabError(res, 500, "TAB.INTERNAL", "Something went wrong on the server. Try again.");
    }
  };
}
