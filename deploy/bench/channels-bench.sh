#!/usr/bin/env bash
# The Channels benchmark on the local topology with a real mail server: starts the tests' mail server image
# (Postfix + Dovecot, deploy/docker/mail; built by deploy/docker/ensure-docker.sh) on 127.0.0.1:5587 (SMTP submission)
# and :1143 (IMAP), starts the topology (deploy/local/up.sh) with Channels sending through it, runs
# `Support.Benchmarks channels` with this script's arguments, then stops both. Needs a topology that is not running.
# Arguments: [--rate N/s] [--duration S] [--replies N] [--webhook-rate N/s] [--webhook-duration S] [--subscriptions N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/tests/Support.Benchmarks"
mail=support-bench-mail
password=bench-mail
say() { echo "[bench] $*"; }

for pidfile in "$root"/.run/*.pid; do
    if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        say "the topology is running: stop it first (deploy/local/down.sh), so its Channels service sends through the benchmark's mail server"
        exit 1
    fi
done
docker image inspect support-local/mail:bookworm >/dev/null 2>&1 || bash "$root/deploy/docker/ensure-docker.sh" >/dev/null

say "building $project"
dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary

stop() {
    "$root/deploy/local/down.sh" || true
    [ "${KEEP_MAIL:-0}" = 1 ] || docker rm -f "$mail" >/dev/null 2>&1 || true
}
trap stop EXIT

docker rm -f "$mail" >/dev/null 2>&1 || true
docker run -d --name "$mail" -e MAIL_PASSWORD="$password" -e MAIL_DOMAINS="support.test example.com" \
    -p 127.0.0.1:5587:587 -p 127.0.0.1:1143:143 support-local/mail:bookworm >/dev/null
for _ in $(seq 30); do (exec 3<>/dev/tcp/127.0.0.1/5587) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/1143) 2>/dev/null && break; sleep 1; done

export Email__From__Address=support@support.test Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=5587 Email__Smtp__Security=StartTls \
    Email__Smtp__UserName=support@support.test Email__Smtp__Password="$password" Email__Smtp__AcceptAnyCertificate=true
"$root/deploy/local/up.sh"

cd "$root"
dotnet "$project/bin/Release/net10.0/Support.Benchmarks.dll" channels --mail-host 127.0.0.1 --imap-port 1143 --mail-password "$password" "$@"
