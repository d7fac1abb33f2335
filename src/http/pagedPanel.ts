import type { ListPage } from "../app/listPage";
import type { AppServices } from "../app/services";
import type { Person } from "../domain/people/person";
import type { Decision } from "../domain/result";
import { StoreUsageError } from "../store/recordRules";
import { valid, type TabPanel } from "./tabApi";
import { TAB_API, type PanelInfo, type PanelPage } from "./tabApiContract";
import { parsePanelPage, type PanelPageRequest } from "./tabQuery";
import { TabHttpError } from "./tabSession";

/*
 * One paged list panel on the dashboard: its route signs the caller in, checks the query, asks
 * the use case (which refuses anyone the policy does not let see it: 403), and trims the rows.
 */
/** A page read with the caller's cursor; a cursor the store did not issue is their mistake, a 400. */
async function withCursor<T>(request: PanelPageRequest, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (request.cursor !== undefined && error instanceof StoreUsageError) {
      throw new TabHttpError(
        400,
        "TAB.BAD_REQUEST",
        "Bad query: cursor is not one this list gave out. Start again from the first page.",
      );
    }
    throw error;
  }
}

function refused(decision: { code: string; reason: string }): TabHttpError {
  return new TabHttpError(403, decision.code, decision.reason);
}

/** One list panel: its route signs the caller in, checks the query, asks the use case, trims the rows. */
export function pagedPanel<T, Row>(spec: {
  readonly info: PanelInfo;
  readonly visibleTo: TabPanel["visibleTo"];
  readonly read: (
    services: AppServices,
    person: Person,
    page: PanelPageRequest,
  ) => Promise<Decision<ListPage<T>>>;
  readonly row: (item: T) => Row;
}): TabPanel {
  return {
    info: spec.info,
    visibleTo: spec.visibleTo,
    register(server, { services, route }) {
      server.get(
        `${TAB_API}${spec.info.path}`,
        route(async (req, res, person) => {
          const request = valid(parsePanelPage(req.query));
          const decision = await withCursor(request, () => spec.read(services, person, request));
          if (!decision.ok) throw refused(decision);
          const { items, nextCursor, total } = decision.value;
          const body: PanelPage<Row> = {
            items: items.map(spec.row),
            ...(nextCursor ? { nextCursor } : {}),
            total,
          };
          res.send(200, body);
        }),
      );
    },
  };
}
