import type { AppServices } from "../../app/services";
import type { AcknowledgementServices } from "../acknowledgements/acknowledgementServices";

/**
 * What the governors' approval uses of the app's services: an approved draft is published as
 * any version is (acknowledgements' publishVersion, so its services too), plus the cards port
 * that turns the drafts' views into the messages the outbox stores.
 */
export type DraftServices = AcknowledgementServices & Pick<AppServices, "draftCards">;
