import { preparedDocument } from "../acknowledgements/publishVersion";
import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { summariseChanges } from "../../domain/policy/changeSummary";
import { earliestEffectiveDate } from "../../domain/policy/noticeRule";
import { accept, refuse, type Decision } from "../../domain/result";
import { markdownToDocument, PolicyImportError, readDocx } from "../../policy/importPolicy";
import type { CardMessage } from "../../ports";
import { findAll } from "../../store/findAll";
import type { DraftServices } from "./draftServices";
import { draftFromText } from "./policyDrafts";
import { policyUploadKind, UPLOAD_RETENTION_DAYS, type PolicyUpload } from "./uploadRecords";

/*
 * Publishing the way a school works: the policy owner sends the Word master to the bot in
 * personal chat. It is read (mammoth), compared with the version in force sentence by sentence,
 * and shown as a preview with the version label, summary and an effective date that gives the
 * month's notice; confirming it sends it to the governors for approval.
 */
function isDate(v: string | undefined): v is string {
  return Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v));
}

export async function receiveWordMaster(
  services: DraftServices,
  person: Person,
  file: { name: string; content: Buffer },
): Promise<Decision<CardMessage>> {
  if (!mayPublishPolicyVersion(person))
    return refuse(
      "UPLOAD.ROLE",
      "Only the policy owner or the Headteacher can send a new version of the policy.",
    );
  let source;
  try {
    source = await readDocx(file.content);
  } catch {
    return refuse(
      "UPLOAD.UNREADABLE",
      `${file.name} could not be read as a Word document (.docx).`,
    );
  }
  const upload: PolicyUpload = {
    id: `U-${services.ids.newId().slice(0, 8)}`,
    uploaderId: person.aadObjectId,
    fileName: file.name.slice(0, 200),
    text: source.text,
    header: source.header,
    ignored: [...source.ignored],
    uploadedAt: services.clock.now().toISOString(),
    sentAs: null,
  };
  return previewOf(
    services,
    upload,
    async () => void (await services.store.collection(policyUploadKind).create(upload.id, upload)),
  );
}

async function previewOf(
  services: DraftServices,
  upload: PolicyUpload,
  save: () => Promise<void>,
): Promise<Decision<CardMessage>> {
  const earliest = earliestEffectiveDate(services.clock.now(), services.schoolTimeZone);
  const effective =
    isDate(upload.header.effectiveFrom) && upload.header.effectiveFrom > earliest
      ? upload.header.effectiveFrom
      : earliest;
  const current = await services.policyVersions.inForce();
  let document;
  try {
    const details = {
      label: upload.header.label ?? "next",
      effectiveFrom: effective,
      summary: upload.header.summary ?? "",
    };
    // Section ids carried over from the version in force, exactly as publishing will.
    document = preparedDocument(
      {
        ...details,
        document: markdownToDocument(
          upload.text,
          details,
          current?.document ?? services.bundledPolicy,
        ),
      },
      current?.document,
    );
  } catch (error) {
    if (error instanceof PolicyImportError)
      return refuse(
        "UPLOAD.NO_SECTIONS",
        `${upload.fileName} could not be read as the policy: ${error.message} (each section needs a heading styled as Heading 1 or 2).`,
      );
    throw error;
  }
  await save();
  return accept(
    services.draftCards.uploadPreview({
      upload,
      document,
      current,
      changes: summariseChanges(current?.document, document),
      effectiveFrom: effective,
      earliest,
      timeZone: services.schoolTimeZone,
    }),
  );
}

export async function sendUploadToGovernors(
  services: DraftServices,
  person: Person,
  input: { uploadId: string; label: string; effectiveFrom: string; summary: string },
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(policyUploadKind).get(input.uploadId);
  if (!record || record.data.uploaderId !== person.aadObjectId)
    return refuse(
      "UPLOAD.NOT_FOUND",
      "That upload is not yours, or has expired: send the Word document again.",
    );
  if (record.data.sentAs)
    return refuse(
      "UPLOAD.SENT",
      `This document was already sent to the governors as version ${record.data.sentAs}.`,
    );
  const drafted = await draftFromText(services, person, {
    label: input.label,
    effectiveFrom: input.effectiveFrom,
    summary: input.summary,
    text: record.data.text,
    source: "word",
    fileName: record.data.fileName,
  });
  if (!drafted.ok) return refuse(drafted.code, `Not sent: ${drafted.reason}`);
  await services.store
    .collection(policyUploadKind)
    .update(record.id, { ...record.data, sentAs: input.label }, record.version);
  return accept(drafted.value.card);
}

export async function purgeOldUploads(services: DraftServices): Promise<number> {
  const cutoff = new Date(
    services.clock.now().getTime() - UPLOAD_RETENTION_DAYS * 86_400_000,
  ).toISOString();
  const uploads = services.store.collection(policyUploadKind);
  let purged = 0;
  for (const r of await findAll(uploads, { range: { field: "uploadedAt", lte: cutoff } }))
    if (await uploads.delete(r.id)) purged++;
  return purged;
}
