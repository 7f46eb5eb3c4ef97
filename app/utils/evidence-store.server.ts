import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";

// Where evidence files are kept (docs/decisions/022): a local folder outside the web root
// (EVIDENCE_DIR), one file per random key, written to a scratch name first and renamed into
// place, so a half-written file never has a key. The key is the only name on disk: no file name,
// case or person is in the path. Files are served only by the authorised download route.

export interface EvidenceStore {
  /** Keeps `bytes` under a new random key; returns the key and the sha256 of what was kept. */
  put(bytes: Uint8Array, check: (file: string) => Promise<ScanResult>): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Removes a stored file; a file already gone is not an error. */
  remove(key: string): Promise<void>;
}

export type ScanResult = { clean: true } | { clean: false; reason: string };

/** The hook for a virus scanner: given the path of a file not yet kept, say whether it may be kept. */
export interface EvidenceScanner {
  scan(file: string): Promise<ScanResult>;
}

/** No scanner configured: every file is accepted (the content check has already run). */
export const acceptAll: EvidenceScanner = { scan: async () => ({ clean: true }) };

/**
 * EVIDENCE_SCAN_COMMAND, e.g. "clamdscan --no-summary --fdpass": run without a shell, with the
 * file's path as the last argument. Exit 0 keeps the file; exit 1 (a virus found, in ClamAV's
 * convention) or any other failure refuses it, so a scanner that is down never waves a file through.
 */
export function commandScanner(command: string, timeoutMs = 60_000): EvidenceScanner {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  if (!program) return acceptAll;
  return {
    scan: (file) =>
      new Promise((resolve) => {
        execFile(program, [...args, file], { timeout: timeoutMs, windowsHide: true }, (error) => {
          if (!error) return resolve({ clean: true });
          const code = typeof error.code === "number" ? error.code : undefined;
          resolve({ clean: false, reason: code === 1 ? "The selected file contains a virus" : "The selected file could not be checked for viruses. Try again later" });
        });
      }),
  };
}

export function scannerFromEnv(): EvidenceScanner {
  const command = getEnv().EVIDENCE_SCAN_COMMAND;
  return command ? commandScanner(command) : acceptAll;
}

const KEY = /^[a-f0-9]{32}$/;

export class ScanRefusedError extends Error {
  override name = "ScanRefusedError";
}

export function localEvidenceStore(dir: string): EvidenceStore {
  const root = path.resolve(dir);
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new RangeError("not an evidence key");
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async put(bytes, check) {
      const key = crypto.randomBytes(16).toString("hex");
      const incoming = path.join(root, "incoming");
      await fs.mkdir(incoming, { recursive: true, mode: 0o700 });
      const scratch = path.join(incoming, key);
      await fs.writeFile(scratch, bytes, { mode: 0o600, flag: "wx" });
      try {
        const result = await check(scratch);
        if (!result.clean) throw new ScanRefusedError(result.reason);
        const final = pathOf(key);
        await fs.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
        await fs.rename(scratch, final);
      } catch (error) {
        await fs.rm(scratch, { force: true });
        throw error;
      }
      return { key, sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
    },
    async get(key) {
      return new Uint8Array(await fs.readFile(pathOf(key)));
    },
    async remove(key) {
      await fs.rm(pathOf(key), { force: true });
    },
  };
}

let configured: EvidenceStore | undefined;
/** Tests point the app at a scratch folder, as useDatabase does for the database. */
export function useEvidenceStore(store: EvidenceStore): void {
  configured = store;
}
/** The store EVIDENCE_DIR names (tests pass their own to the functions that take one). */
export function evidenceStore(): EvidenceStore {
  configured ??= localEvidenceStore(getEnv().EVIDENCE_DIR);
  return configured;
}
