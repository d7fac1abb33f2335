import type { ComponentType } from "react";
import type { PanelInfo } from "../http/tabApiContract";
import type { DashboardApi } from "./api";

/*
 * Panels for the other capabilities (misuse cases, post approvals, unanswered questions). The
 * server lists a panel in the session only once that capability's API exists and the person may
 * see it; the tab shows it only if a view for its id is registered here. Nothing is faked: until a
 * capability lands, there is no panel.
 */
export interface PanelViewProps {
  readonly api: DashboardApi;
  readonly panel: PanelInfo;
}

/** Add one line per capability: `misuseCases: MisuseCasesPanel,`. */
export const PANEL_VIEWS: Readonly<Record<string, ComponentType<PanelViewProps>>> = {};

export function visiblePanels(panels: readonly PanelInfo[]): PanelInfo[] {
  return panels.filter((p) => Object.prototype.hasOwnProperty.call(PANEL_VIEWS, p.id));
}
