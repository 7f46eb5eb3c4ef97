import { z } from "zod";
import { EVIDENCE_VISIBILITIES, respondentsAt, type EvidenceVisibility, type Party } from "../../machines";
import { EVIDENCE_MAX_FILE_BYTES, MAX_LENGTH } from "./limits";

// Evidence on a case (docs/decisions/022), the parts the browser and the server share: the form's
// schema, who may see a file, and sizes in words. Storage, sniffing and scanning are server-only.

/** Sizes as people read them: "820 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

export const MAX_FILE_WORDS = formatBytes(EVIDENCE_MAX_FILE_BYTES);

/** The file types accepted, as the page lists them. */
export const ACCEPTED_TYPES_WORDS = "PDF, Word (.docx or .doc), OpenDocument text (.odt), JPEG, PNG, GIF or WebP";
/** The file chooser's hint to the browser (a convenience only: the server checks the content). */
export const ACCEPT_ATTRIBUTE = ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,.gif,.webp,application/pdf,image/jpeg,image/png,image/gif,image/webp";

export const VISIBILITY_OPTIONS: ReadonlyArray<{ value: EvidenceVisibility; label: string; hint: string }> = [
  { value: "all-parties", label: "Everyone involved in the concern", hint: "The family and every organisation dealing with the concern can read it." },
  {
    value: "handler",
    label: "Only the organisation handling the concern",
    hint: "Use this for private documents, such as a medical report. The organisation handling the concern now, and any that handles it after them, can read it.",
  },
];

export const VISIBILITY_WORDS: Record<EvidenceVisibility, string> = {
  "all-parties": "Everyone involved",
  handler: "Only the organisation handling the concern",
};

/** The text fields of the add-evidence form (the file itself is checked by its content on the server). */
export const evidenceFieldsSchema = z.object({
  description: z
    .string({ error: "Enter what the file is" })
    .trim()
    .min(1, "Enter what the file is")
    .max(MAX_LENGTH.shortText, `What the file is must be ${MAX_LENGTH.shortText} characters or fewer`),
  visibility: z.enum(EVIDENCE_VISIBILITIES, { error: "Select who can see the file" }),
});
export type EvidenceFields = z.infer<typeof evidenceFieldsSchema>;

/** What decides who may read one file. */
export type EvidenceAccess = { visibility: string; addedAs: string; rung: number };

/** The rung the case has reached: where it is now, or where it ended (a case only ever moves up the ladder). */
export function rungReached(view: { rung: number | null; conclusion?: { rung: number } }): number {
  return view.rung ?? view.conclusion?.rung ?? 1;
}

/**
 * May someone acting in `capacities` on a case they can read see this file? Everyone involved,
 * or for a file kept to the organisation handling the concern: whoever added it (in the same
 * capacity), and the lead body of each rung from the one it was added on to the one the case
 * has reached (`caseRung`): a body that only handles the case later sees it once it does.
 */
export function mayReadEvidence(evidence: EvidenceAccess, capacities: readonly Party[], healthInvolved: boolean, caseRung: number): boolean {
  if (evidence.visibility === "all-parties") return capacities.length > 0;
  if (capacities.includes(evidence.addedAs as Party)) return true;
  const handlers = ([1, 2, 3] as const).filter((rung) => rung >= evidence.rung && rung <= caseRung).map((rung) => respondentsAt(rung, healthInvolved)[0]!);
  return capacities.some((capacity) => handlers.includes(capacity));
}
