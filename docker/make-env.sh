#!/usr/bin/env bash
# Writes the compose stack's .env from .env.example: every "change-me…" value becomes a fresh random
# secret (the Fernet key in Fernet's format), other values are copied, and values an existing .env
# already has are kept, so running it again changes nothing. --rotate VAR… makes new secrets for
# those variables (see README, "Passwords": which ones need more than `docker compose up -d`).
#
#   docker/make-env.sh [--rotate VAR…] [ENV_FILE]     (default ENV_FILE: .env beside docker-compose.yml)
#
# Needs bash, coreutils and /dev/urandom only. The file is written with mode 600.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
example="$root/.env.example"
target="$root/.env"
rotate=" "
while [ $# -gt 0 ]; do
  case "$1" in
    --rotate) shift; [ $# -gt 0 ] || { echo "make-env: --rotate needs a variable name" >&2; exit 2; }
              rotate+="$1 "; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "make-env: unknown option $1" >&2; exit 2 ;;
    *) target="$1"; shift ;;
  esac
done
[ -r "$example" ] || { echo "make-env: $example not found" >&2; exit 1; }

random_secret() {  # 32 random bytes, url-safe base64 without padding (43 characters: letters, digits, - and _)
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}
fernet_key() {     # what cryptography's Fernet.generate_key() returns: 32 bytes, url-safe base64 with padding
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n'
}

declare -A current=()
if [ -f "$target" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || continue
    current["${line%%=*}"]="${line#*=}"
  done < "$target"
fi

for name in $rotate; do
  grep -q "^$name=" "$example" || { echo "make-env: $name is not a variable of .env.example" >&2; exit 2; }
done

tmp=$(mktemp "$target.XXXXXX")
trap 'rm -f "$tmp"' EXIT
chmod 600 "$tmp"
declare -A seen=()
made=()
while IFS= read -r line || [ -n "$line" ]; do
  if [[ ! "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; then
    printf '%s\n' "$line" >> "$tmp"
    continue
  fi
  name="${line%%=*}"; value="${line#*=}"; seen["$name"]=1
  keep="${current[$name]-}"
  if [[ "$rotate" != *" $name "* ]] && [ -n "$keep" ] && [[ "$keep" != change-me* ]]; then
    value="$keep"
  elif [[ "$value" == change-me* ]]; then
    if [ "$name" = AIRFLOW_FERNET_KEY ]; then value=$(fernet_key); else value=$(random_secret); fi
    made+=("$name")
  fi
  printf '%s=%s\n' "$name" "$value" >> "$tmp"
done < "$example"
for name in "${!current[@]}"; do  # variables the operator added: kept
  [ -n "${seen[$name]-}" ] || printf '%s=%s\n' "$name" "${current[$name]}" >> "$tmp"
done
mv -f "$tmp" "$target"
trap - EXIT
if [ ${#made[@]} -gt 0 ]; then
  echo "make-env: new secrets for ${made[*]} in $target"
else
  echo "make-env: $target unchanged (every secret already set)"
fi
