import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseInUseError, lockDataFolder, processStartTime } from "../../app/utils/database.server";

// The embedded database's one-process lock: keyed on the real folder, and on pid + start time.

const releases: Array<() => void> = [];
afterEach(() => releases.splice(0).forEach((release) => release()));

function scratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "redress-lock-"));
  const dir = path.join(root, "pglite");
  fs.mkdirSync(dir);
  return { root, dir, lockFile: `${dir}.lock` };
}

describe("embedded database lock", () => {
  it("sees through a symlink to the same folder", () => {
    const { root, dir } = scratch();
    const link = path.join(root, "alias");
    fs.symlinkSync(dir, link);
    releases.push(lockDataFolder(dir));
    expect(() => lockDataFolder(link)).toThrow(DatabaseInUseError);
    expect(() => lockDataFolder(path.join(root, "alias", "..", "pglite"))).toThrow(DatabaseInUseError);
  });

  it("takes over a lock whose pid was reused by another process after a crash", () => {
    const { dir, lockFile } = scratch();
    // A live pid (ours) but a start time that is not ours: the old holder died, the pid moved on.
    fs.writeFileSync(lockFile, `${process.pid} 1`);
    releases.push(lockDataFolder(dir));
    expect(fs.readFileSync(lockFile, "utf8")).toBe(`${process.pid} ${processStartTime(process.pid)}`);
  });

  it("takes over a lock of a dead process, and refuses one a live process holds", async () => {
    const { dir, lockFile } = scratch();
    fs.writeFileSync(lockFile, "999999999 5");
    const release = lockDataFolder(dir);
    release();
    const holder = spawn("sleep", ["10"]);
    try {
      await new Promise((resolve) => holder.once("spawn", resolve));
      fs.writeFileSync(lockFile, `${holder.pid} ${processStartTime(holder.pid!)}`);
      expect(() => lockDataFolder(dir)).toThrow(/in use by process/);
    } finally {
      holder.kill();
      fs.rmSync(lockFile, { force: true });
    }
  });
});
