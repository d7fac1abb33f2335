import { MessageFactory, type Activity } from "botbuilder";
import type { AppServices } from "../app/services";
import type { CardMessage } from "../ports";
import { linkInCard, tooLargeNote } from "./cards/renderCard";

/** What a note sent instead of a too-large card needs to find its link. */
export type NoteServices = Pick<AppServices, "directory" | "dashboardUrlFor" | "publicUrl">;

/**
 * The short note sent instead of a card Teams cannot take, linking to where the record can be
 * read: the card's own link (the policy's full text, the dashboard), else the app for this person.
 */
export async function tooLargeNoteActivity(
  services: NoteServices,
  recipient: string | undefined,
  card: CardMessage,
): Promise<Partial<Activity>> {
  const own = linkInCard(card.data);
  if (own) return MessageFactory.text(tooLargeNote(own));
  const person = recipient ? await services.directory.find(recipient) : undefined;
  return MessageFactory.text(
    tooLargeNote(person ? services.dashboardUrlFor(person) : `${services.publicUrl}/`),
  );
}
