import type { TabPanel } from "./tabApi";
import { FEATURES } from "../features";

/*
 * Every capability module's dashboard panels (src/features/<name>/feature.ts). Each route reads
 * through its use case, which refuses anyone the policy does not let see the list (403 here);
 * the session lists a panel only to those it lets.
 */

/** Every panel this API serves, in the order the dashboard shows them. */
export const TAB_PANELS: readonly TabPanel[] = FEATURES.flatMap((f) => f.panels ?? []);
