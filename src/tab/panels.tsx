import type { ComponentType } from "react";
import { PANEL_IDS, type PanelInfo } from "../http/tabApiContract";
import type { DashboardApi } from "./api";
import { PendingPostsPanel } from "./components/PendingPostsPanel";
import { TablePanel } from "./components/TablePanel";
import { UnansweredQuestionsPanel } from "./components/UnansweredQuestionsPanel";

/*
 * Panels for the other capabilities (misuse cases, post approvals, unanswered questions). The
 * server lists a panel in the session only once that capability's API exists and the person may
 * see it; the tab shows it only if a view for its id is registered here. Nothing is faked: until a
 * capability lands, there is no panel.
 */
export interface PanelViewProps {
  readonly api: DashboardApi;
  readonly panel: PanelInfo;
  /** The school's time zone, for dates and times. */
  readonly timeZone: string;
}

/** Add one line per capability: `misuseCases: MisuseCasesPanel,`. */
export const PANEL_VIEWS: Readonly<Record<string, ComponentType<PanelViewProps>>> = {
  [PANEL_IDS.unansweredQuestions]: UnansweredQuestionsPanel,
  [PANEL_IDS.pendingPosts]: PendingPostsPanel,
};

/** A capability module's panel declares its table; the tab draws it with no view of its own. */
export function viewFor(panel: PanelInfo): ComponentType<PanelViewProps> | undefined {
  if (Object.prototype.hasOwnProperty.call(PANEL_VIEWS, panel.id)) return PANEL_VIEWS[panel.id];
  return panel.table ? TablePanel : undefined;
}

export function visiblePanels(panels: readonly PanelInfo[]): PanelInfo[] {
  return panels.filter((p) => viewFor(p) !== undefined);
}
