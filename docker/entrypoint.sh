#!/bin/sh
# Container entrypoint: hand the database folder to the app user, then run the command as that user.
#
# A fly.io volume is mounted over /data owned by root, hiding the image's `chown node /data`, so the
# container starts as root (the Dockerfile has no USER) and this script, while still root:
#   - creates the folder of DATABASE_PATH if missing and, if APP_USER cannot write to it, gives it
#     to APP_USER (the folder itself only: nothing else on the volume, e.g. lost+found, is touched);
#   - gives APP_USER an existing database file and its -wal/-shm siblings (left root-owned by,
#     e.g., a restore over `fly ssh console`); symlinks are not followed;
#   - execs the command as APP_USER with setpriv, so node is PID 1 and gets SIGTERM itself.
# Started as any other user it changes nothing and just execs the command.
set -eu

if [ "$#" -eq 0 ]; then
  echo "entrypoint: usage: entrypoint.sh command [args...]" >&2
  exit 64
fi

if [ "$(id -u)" -ne 0 ]; then
  exec "$@"
fi

app_user=${APP_USER:-node}
# Same default as src/config.ts when the variable is unset or empty (the image sets it to /data/...).
db_path=${DATABASE_PATH:-./data/telecalbot.db}

if ! uid=$(id -u -- "$app_user") || ! gid=$(id -g -- "$app_user"); then
  echo "entrypoint: no such user: $app_user" >&2
  exit 1
fi

if [ "$db_path" != ":memory:" ]; then
  dir=$(dirname -- "$db_path")
  mkdir -p -- "$dir"
  # Asked as APP_USER (group or world write counts too), so a folder it can already use is left as is.
  if ! setpriv --reuid="$uid" --regid="$gid" --init-groups -- sh -c 'test -w "$1" && test -x "$1"' sh "$dir"; then
    if [ "$(cd -- "$dir" && pwd -P)" = / ]; then
      echo "entrypoint: refusing to give / to $app_user; put DATABASE_PATH in a folder" >&2
      exit 1
    fi
    chown -- "$uid:$gid" "$dir"
  fi
  for f in "$db_path" "$db_path-wal" "$db_path-shm"; do
    if [ -e "$f" ] || [ -L "$f" ]; then
      chown -h -- "$uid:$gid" "$f"
    fi
  done
fi

exec setpriv --reuid="$uid" --regid="$gid" --init-groups -- "$@"
