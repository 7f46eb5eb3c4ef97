import crypto from "node:crypto";
import { senderContextOf, sendersOf, type CaseEvent, type CaseView, type Party } from "../../machines";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { applyCaseEventsInTransaction, type EventAuthor } from "./cases.server";
import type { CasePage } from "./case-page.server";
import { queryRows } from "./database.server";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { formatBytes, mayReadEvidence, rungReached, VISIBILITY_WORDS, type EvidenceFields } from "./evidence";
import { sniffEvidence } from "./evidence-sniff";
import { evidenceStore, ScanRefusedError, scannerFromEnv, type EvidenceScanner, type EvidenceStore } from "./evidence-store.server";
import { EVIDENCE_MAX_FILE_BYTES, EVIDENCE_MAX_FILES_PER_CASE } from "./limits";
import type { SessionUser } from "./session.server";

// Evidence on a case (docs/decisions/022): adding a file (content check, virus scan hook, store,
// then ONE write of the case event and the file's record), listing what a reader may see, and
// reading a file back for the authorised download route.

/** A refusal to show beside the form's file field (or at its top): status 400, 409 or 413. */
export class EvidenceRefusedError extends Error {
  override name = "EvidenceRefusedError";
  constructor(
    readonly field: "file" | "form",
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const TOO_LARGE = `The selected file must be smaller than ${formatBytes(EVIDENCE_MAX_FILE_BYTES)}`;
export const TOO_MANY = `This concern already has ${EVIDENCE_MAX_FILES_PER_CASE} files, the most it can hold. Send anything else to the organisation handling the concern directly`;

/** The capacity someone adds evidence in: the family first, then the first body they act for that may add it now. */
export function evidenceCapacity(page: Pick<CasePage, "capacities" | "view">): Party | undefined {
  const senders = sendersOf("ADD_EVIDENCE", senderContextOf(page.view));
  return page.capacities.find((c) => c === "family" && senders.includes(c)) ?? page.capacities.find((c) => senders.includes(c));
}

export function mayAddEvidence(page: Pick<CasePage, "actions">): boolean {
  return page.actions.includes("ADD_EVIDENCE");
}

/** A file name safe to show and to offer back on download: no path, no control characters, not too long. */
export function cleanFileName(name: string, extension: string): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, "")
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .slice(0, 100)
    .trim();
  return `${base || "evidence"}.${extension}`;
}

export interface NewEvidence {
  bytes: Uint8Array;
  fileName: string;
  fields: EvidenceFields;
}

function pausedForFamily(view: Pick<CaseView, "pausedClocks">): boolean {
  return view.pausedClocks.some((clock) => clock.waitingOn === "family");
}

/**
 * Puts a file on the case. Throws EvidenceRefusedError for anything the person can put right
 * (type, size, count, a virus), EventNotAllowedError / CaseNotFoundError from the write path.
 * The family's file ends a pause that waits on them, in the same write (RESUME with information).
 */
export async function addEvidence(
  page: Pick<CasePage, "row" | "view" | "capacities" | "actions">,
  user: Pick<SessionUser, "id" | "name">,
  input: NewEvidence,
  options: { prisma?: PrismaClient; store?: EvidenceStore; scanner?: EvidenceScanner; today?: string } = {},
): Promise<{ evidenceId: string; resumed: boolean }> {
  const prisma = options.prisma ?? (await getPrisma());
  const store = options.store ?? evidenceStore();
  const scanner = options.scanner ?? scannerFromEnv();
  const addedAs = evidenceCapacity(page);
  if (!mayAddEvidence(page) || !addedAs) throw new EvidenceRefusedError("form", "You cannot add evidence to this concern at the moment", 403);
  if (input.bytes.length > EVIDENCE_MAX_FILE_BYTES) throw new EvidenceRefusedError("file", TOO_LARGE, 413);
  const sniffed = sniffEvidence(input.bytes);
  if (!sniffed.ok) throw new EvidenceRefusedError("file", sniffed.reason);
  if ((await prisma.evidence.count({ where: { caseId: page.row.id } })) >= EVIDENCE_MAX_FILES_PER_CASE) throw new EvidenceRefusedError("form", TOO_MANY, 409);

  let stored: { key: string; sha256: string };
  try {
    stored = await store.put(input.bytes, (file) => scanner.scan(file));
  } catch (error) {
    if (error instanceof ScanRefusedError) throw new EvidenceRefusedError("file", error.message);
    throw error;
  }
  const evidenceId = crypto.randomUUID();
  const { description, visibility } = input.fields;
  const at = options.today ?? londonDate();
  const event: CaseEvent = { type: "ADD_EVIDENCE", at, party: addedAs, evidenceId, description, fileType: sniffed.label, sizeBytes: input.bytes.length, visibility };
  const author: EventAuthor = { kind: "user", userId: user.id, name: user.name };
  const rung = rungReached(page.view);
  // The words the history quotes as the information sent: a private file's description stays private.
  const information = visibility === "all-parties" ? `Evidence added: ${description}` : "Evidence added for the organisation handling the concern only";
  try {
    const written = await prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${page.row.id} FOR UPDATE`;
        // Counted again under the case's lock: two uploads at once cannot both take the last place.
        if ((await tx.evidence.count({ where: { caseId: page.row.id } })) >= EVIDENCE_MAX_FILES_PER_CASE) throw new EvidenceRefusedError("form", TOO_MANY, 409);
        const applied = await applyCaseEventsInTransaction(
          tx,
          page.row.id,
          [event, (view) => (addedAs === "family" && pausedForFamily(view) ? { type: "RESUME", at, information } : undefined)],
          author,
        );
        await tx.evidence.create({
          data: {
            id: evidenceId,
            caseId: page.row.id,
            storageKey: stored.key,
            fileName: cleanFileName(input.fileName, sniffed.extension),
            description,
            kind: sniffed.kind,
            mediaType: sniffed.mediaType,
            sizeBytes: input.bytes.length,
            sha256: stored.sha256,
            visibility,
            addedAs,
            rung,
            addedById: user.id,
            seq: applied.firstSeq,
          },
        });
        return applied;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    return { evidenceId, resumed: written.recorded.some((e) => e.type === "RESUME") };
  } catch (error) {
    // Nothing was recorded: the stored file has no record, so it goes too.
    await store.remove(stored.key);
    throw error;
  }
}

/** One file on the case as the Evidence section lists it. */
export interface EvidenceListItem {
  id: string;
  description: string;
  fileName: string;
  fileType: string;
  size: string;
  sizeBytes: number;
  addedBy: string;
  addedOn: string;
  visibility: string;
  erased: boolean;
}

const KIND_LABELS: Record<string, string> = {
  pdf: "PDF",
  png: "PNG image",
  jpeg: "JPEG image",
  gif: "GIF image",
  webp: "WebP image",
  docx: "Word document",
  doc: "Word document",
  odt: "OpenDocument text",
};

type EvidenceRow = {
  id: string;
  description: string;
  fileName: string;
  kind: string;
  sizeBytes: number;
  visibility: string;
  addedAs: string;
  rung: number;
  createdAt: Date;
  erasedAt: Date | null;
  addedBy: { name: string } | null;
  storageKey: string;
  mediaType: string;
  sha256: string;
};

function listItem(row: EvidenceRow): EvidenceListItem {
  return {
    id: row.id,
    description: row.description,
    fileName: row.fileName,
    fileType: KIND_LABELS[row.kind] ?? "File",
    size: formatBytes(row.sizeBytes),
    sizeBytes: row.sizeBytes,
    addedBy: row.addedBy?.name ?? "Someone no longer on Redress",
    addedOn: row.createdAt.toISOString(),
    visibility: VISIBILITY_WORDS[row.visibility as keyof typeof VISIBILITY_WORDS] ?? VISIBILITY_WORDS.handler,
    erased: row.erasedAt !== null,
  };
}

const evidenceSelect = {
  id: true,
  description: true,
  fileName: true,
  kind: true,
  sizeBytes: true,
  visibility: true,
  addedAs: true,
  rung: true,
  createdAt: true,
  erasedAt: true,
  storageKey: true,
  mediaType: true,
  sha256: true,
  addedBy: { select: { name: true } },
} as const;

/** Every file on the case this reader may see, oldest first, with the ids of those they may not (for the history). */
export async function evidenceFor(
  page: Pick<CasePage, "row" | "capacities" | "view">,
  prisma?: PrismaClient,
): Promise<{ items: EvidenceListItem[]; hiddenIds: string[]; count: number }> {
  const db = prisma ?? (await getPrisma());
  // Read on every case page: one prepared statement straight to the driver (docs/decisions/029), the same columns as evidenceSelect.
  return evidenceFrom(await queryRows<EvidenceReadRow>(db, evidenceSql(page.row.id)), page);
}

type EvidenceReadRow = Omit<EvidenceRow, "addedBy" | "createdAt" | "erasedAt"> & {
  addedByName: string | null;
  addedById: string | null;
  /** Dates from the driver; ISO strings from a queryParts statement. */
  createdAt: Date | string;
  erasedAt: Date | string | null;
};

/** The query behind evidenceFor (also a part of the case page's one statement, queryParts). */
export function evidenceSql(caseId: string): Prisma.Sql {
  return Prisma.sql`SELECT e.id, e.description, e."fileName", e.kind, e."sizeBytes", e.visibility, e."addedAs", e.rung,
                      e."createdAt" AT TIME ZONE 'UTC' AS "createdAt", e."erasedAt" AT TIME ZONE 'UTC' AS "erasedAt",
                      e."storageKey", e."mediaType", e.sha256, e."addedById", u.name AS "addedByName"
                 FROM "Evidence" e LEFT JOIN "User" u ON u.id = e."addedById"
                WHERE e."caseId" = ${caseId}
                ORDER BY e."createdAt", e.seq`;
}

/** evidenceFor's answer from evidenceSql's rows. */
export function evidenceFrom(read: readonly unknown[], page: Pick<CasePage, "row" | "capacities" | "view">): { items: EvidenceListItem[]; hiddenIds: string[]; count: number } {
  const date = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);
  const rows: EvidenceRow[] = (read as EvidenceReadRow[]).map(({ addedByName, addedById, createdAt, erasedAt, ...row }) => ({
    ...row,
    createdAt: date(createdAt),
    erasedAt: erasedAt === null ? null : date(erasedAt),
    addedBy: addedById === null ? null : { name: addedByName ?? "" },
  }));
  const visible = rows.filter((r) => mayReadEvidence(r, page.capacities, page.row.healthInvolved, rungReached(page.view)));
  return { items: visible.map(listItem), hiddenIds: rows.filter((r) => !visible.includes(r)).map((r) => r.id), count: rows.length };
}

/** One file for download: 404 unless it is on this case, this reader may see it, and it is still held. */
export async function evidenceFile(
  page: Pick<CasePage, "row" | "capacities" | "view">,
  evidenceId: string,
  options: { prisma?: PrismaClient; store?: EvidenceStore } = {},
): Promise<{ item: EvidenceListItem; mediaType: string; bytes: Uint8Array<ArrayBuffer> }> {
  const db = options.prisma ?? (await getPrisma());
  const notFound = () => new Response("Not found", { status: 404 });
  if (!/^[A-Za-z0-9-]{1,64}$/.test(evidenceId)) throw notFound();
  const row = await db.evidence.findFirst({ where: { id: evidenceId, caseId: page.row.id }, select: evidenceSelect });
  if (!row || row.erasedAt) throw notFound();
  if (!mayReadEvidence(row, page.capacities, page.row.healthInvolved, rungReached(page.view))) throw new Response("Forbidden", { status: 403 });
  const bytes = await (options.store ?? evidenceStore()).get(row.storageKey);
  // What is served is what was checked: a file changed on disk is never sent.
  if (crypto.createHash("sha256").update(bytes).digest("hex") !== row.sha256) throw new Error(`evidence ${row.id}: stored file does not match its recorded sha256`);
  return { item: listItem(row), mediaType: row.mediaType, bytes };
}

/** Deletes the stored files of these evidence records and blanks their names (erasure, retention). Runs after the database commits. */
export async function removeEvidenceFiles(keys: string[], store: EvidenceStore = evidenceStore()): Promise<void> {
  for (const key of keys) await store.remove(key);
}
