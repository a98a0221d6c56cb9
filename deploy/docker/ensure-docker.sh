#!/usr/bin/env bash
# Makes sure a Docker engine runs and the images docker-compose.yml and the tests use are there: installs docker.io,
# docker-compose and debootstrap when missing (Debian's packages, as root), starts dockerd by hand when it isn't
# running (no systemd here), and pulls the official images, or, where no registry answers, builds the stand-ins with
# offline-images.sh. Prints the image variables to export: eval "$(bash deploy/docker/ensure-docker.sh)".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
say() { echo "[docker] $*" >&2; }

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
    say "starting dockerd (log: /var/log/dockerd.log)"
    nohup dockerd >/var/log/dockerd.log 2>&1 &
    for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || { say "dockerd did not start; see /var/log/dockerd.log"; exit 1; }
fi

if docker pull -q postgres:16 >/dev/null 2>&1 && docker pull -q rabbitmq:3-management >/dev/null 2>&1; then
    say "using the official images"
    echo "export POSTGRES_IMAGE=postgres:16 RABBITMQ_IMAGE=rabbitmq:3-management"
else
    say "no image registry answers: building the stand-in images (deploy/docker/offline-images.sh)"
    bash "$root/deploy/docker/offline-images.sh" >&2
    echo "export $(grep -E '^(POSTGRES|RABBITMQ|DOTNET_SDK|DOTNET_RUNTIME)_IMAGE=' "$root/.env" | xargs)"
fi

# The tests' mail server (Postfix and Dovecot from Debian's packages, deploy/docker/mail): no official image stands for it.
mail_base=debian:bookworm
docker image inspect support-local/debian:bookworm >/dev/null 2>&1 && mail_base=support-local/debian:bookworm
say "building the tests' mail server image on $mail_base"
docker build -q --build-arg BASE_IMAGE="$mail_base" -t support-local/mail:bookworm -f "$root/deploy/docker/mail/mail.Dockerfile" "$root/deploy/docker/mail" >/dev/null
echo "export SUPPORT_TEST_MAIL_IMAGE=support-local/mail:bookworm"
