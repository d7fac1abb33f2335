import type { Config } from "../config";
import type { Logger } from "../ports";
import { GraphApi } from "./graphClient";
import { MsalTokenProvider } from "./msalTokenProvider";
import { staticTokenProvider } from "./tokenProvider";

/** The service's Graph client from configuration, or undefined when nothing needs Graph. */
export function graphFor(config: Config, logger: Logger): GraphApi | undefined {
  const credentials = config.graph.credentials;
  if (!credentials) return undefined;
  const tokens =
    credentials.kind === "static"
      ? staticTokenProvider(credentials.token)
      : new MsalTokenProvider(credentials, config.graph.baseUrl);
  return new GraphApi(
    {
      baseUrl: config.graph.baseUrl,
      timeoutMs: config.graph.timeoutMs,
      maxRetries: config.graph.maxRetries,
      ruPerMinute: config.graph.ruPerMinute,
    },
    tokens,
    logger.child({ component: "graph" }),
  );
}
