import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open.js";

// The container's entrypoint, run for real (no Docker here): as root it stands in for the container
// start on fly, with APP_USER=nobody standing in for the image's `node` user.
const script = fileURLToPath(new URL("../../docker/entrypoint.sh", import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A root-owned temp folder every user can traverse, like the path down to fly's mount point. */
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

function ids(user: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync("id", ["-u", user], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

const appUser = "nobody";
const app = ids(appUser);
const canRun =
  process.getuid?.() === 0 && app !== undefined && spawnSync("setpriv", ["--version"]).status === 0;

function run(command: string[], databasePath: string, cwd: string) {
  return spawnSync(command[0] ?? "", command.slice(1), {
    cwd,
    encoding: "utf8",
    env: { ...process.env, APP_USER: appUser, DATABASE_PATH: databasePath },
  });
}

function owner(path: string): number {
  return statSync(path).uid;
}

describe.skipIf(!canRun)("docker/entrypoint.sh (needs root, user nobody and setpriv)", () => {
  const uid = app?.uid ?? -1;
  const gid = app?.gid ?? -1;

  it("as root: gives a root-owned volume's database folder and files to the app user, then runs as it", () => {
    const root = scratch("tcb-entry-");
    const volume = join(root, "fly volume");
    mkdirSync(join(volume, "lost+found"), { recursive: true });
    const db = join(volume, "telecalbot.db");
    // Left by a restore over `fly ssh console`: root's, readable by root only.
    for (const [file, text] of [
      [db, "db"],
      [`${db}-wal`, "wal"],
      [`${db}-shm`, "shm"],
    ] as const) {
      writeFileSync(file, text, { mode: 0o600 });
    }

    const r = run(
      [
        script,
        "sh",
        "-c",
        'id -u && cat -- "$DATABASE_PATH" "$DATABASE_PATH-wal" "$DATABASE_PATH-shm" && echo && touch -- "$(dirname -- "$DATABASE_PATH")/new file"',
      ],
      db,
      root,
    );

    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${uid}\ndbwalshm\n`);
    for (const path of [volume, db, `${db}-wal`, `${db}-shm`, join(volume, "new file")]) {
      expect({ path, uid: owner(path), gid: statSync(path).gid }).toEqual({ path, uid, gid });
    }
    // Nothing else on the volume, nor above it.
    expect(owner(join(volume, "lost+found"))).toBe(0);
    expect(owner(root)).toBe(0);
  });

  it("as root: creates a missing folder (spaces in the path) for the app user and passes arguments intact", () => {
    const root = scratch("tcb-entry-");
    const db = join(root, "new data", "bot db", "telecalbot.db");

    const r = run(
      [script, "sh", "-c", 'id -u && touch -- "$DATABASE_PATH" && printf "%s|" "$@"', "sh", "two words", ""],
      db,
      root,
    );

    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${uid}\ntwo words||`);
    expect(owner(join(root, "new data", "bot db"))).toBe(uid);
    expect(owner(db)).toBe(uid);
  });

  it("as root: leaves a folder the app user can already write alone, and passes on the exit status", () => {
    const root = scratch("tcb-entry-");
    const shared = join(root, "shared");
    mkdirSync(shared, { mode: 0o1777 });
    chmodSync(shared, 0o1777);

    const r = run(
      [script, "sh", "-c", 'id -u && touch -- "$DATABASE_PATH" && exit 3'],
      join(shared, "t.db"),
      root,
    );

    expect(r.stdout).toBe(`${uid}\n`);
    expect(r.status).toBe(3);
    expect(owner(shared)).toBe(0);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });

  it("as an unprivileged user: changes nothing and just runs the command", () => {
    const root = scratch("tcb-entry-");
    // A copy every user can read: the checkout's own folders may be closed to `nobody`.
    const copy = join(root, "entrypoint.sh");
    copyFileSync(script, copy);
    chmodSync(copy, 0o755);
    const volume = join(root, "volume");
    mkdirSync(volume);
    const db = join(volume, "telecalbot.db");
    writeFileSync(db, "db", { mode: 0o600 });

    const r = run(
      [
        "setpriv",
        `--reuid=${uid}`,
        `--regid=${gid}`,
        "--clear-groups",
        "--",
        copy,
        "sh",
        "-c",
        'id -u && test ! -w "$DATABASE_PATH"',
      ],
      db,
      root,
    );

    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${uid}\n`);
    expect(owner(volume)).toBe(0);
    expect(owner(db)).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });
});

describe("openDatabase file mode", () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it("creates the database and its -wal/-shm readable by their owner only", () => {
    const path = join(scratch("tcb-mode-"), "data", "telecalbot.db");
    const db = openDatabase(path);
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x');");

    expect(existsSync(`${path}-wal`)).toBe(true);
    expect({ db: mode(path), wal: mode(`${path}-wal`), shm: mode(`${path}-shm`) }).toEqual({
      db: 0o600,
      wal: 0o600,
      shm: 0o600,
    });
    db.close();
  });

  it("tightens a database an earlier version left world-readable", () => {
    const path = join(scratch("tcb-mode-"), "telecalbot.db");
    const old = new Database(path);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x');");
    for (const file of [path, `${path}-wal`, `${path}-shm`]) chmodSync(file, 0o644);

    const db = openDatabase(path);

    expect({ db: mode(path), wal: mode(`${path}-wal`), shm: mode(`${path}-shm`) }).toEqual({
      db: 0o600,
      wal: 0o600,
      shm: 0o600,
    });
    db.close();
    old.close();
  });
});
