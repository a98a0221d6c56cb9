#!/usr/bin/env bash
# Builds, on a machine that can't reach an image registry, the images docker-compose.yml would pull: a Debian base
# made with debootstrap, PostgreSQL and RabbitMQ from Debian's packages, and the .NET SDK and ASP.NET Core runtime from
# the .NET installed here. They are named support-local/… (never as the official images they stand in for), and their
# names are written into .env, where docker-compose.yml reads them (POSTGRES_IMAGE, RABBITMQ_IMAGE, DOTNET_SDK_IMAGE,
# DOTNET_RUNTIME_IMAGE). The Debian base is kept once made (FORCE=1 makes it again); the others are rebuilt every time,
# from the layer cache when nothing changed. Needs root, a Docker engine and debootstrap (ensure-docker.sh installs them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/docker/offline"
mirror="${DEBIAN_MIRROR:-$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)}"
mirror="${mirror:-http://deb.debian.org/debian}"
base=support-local/debian:bookworm
postgres=support-local/postgres:15-debian
rabbitmq=support-local/rabbitmq:3-debian
sdk=support-local/dotnet-sdk:10.0-local
runtime=support-local/dotnet-aspnet:10.0-local

missing() { [ "${FORCE:-0}" = 1 ] || ! docker image inspect "$1" >/dev/null 2>&1; }
say() { echo "[offline-images] $*"; }

if missing "$base"; then
    rootfs=$(mktemp -d)
    say "debootstrap bookworm from $mirror"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import -c 'CMD ["bash"]' - "$base" >/dev/null
    rm -rf "$rootfs"
fi

build() { # image, dockerfile, context
    say "building $1"
    docker build -q --build-arg BASE_IMAGE="$base" -t "$1" -f "$2" "$3" >/dev/null
}
build "$postgres" "$here/postgres.Dockerfile" "$here"
build "$rabbitmq" "$here/rabbitmq.Dockerfile" "$here"

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/sdk" "$context/runtime/runtime/shared"
# Hard links where the file system allows: the SDK is 600 MB. The runtime's context holds only the runtimes.
cp -al "$dotnet_root" "$context/sdk/sdk" 2>/dev/null || cp -a "$dotnet_root" "$context/sdk/sdk"
mkdir -p "$context/sdk/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$context/sdk/ca-certificates/" 2>/dev/null || true
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$context/runtime/runtime/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$context/runtime/runtime/shared/"
build "$sdk" "$here/dotnet-sdk.Dockerfile" "$context/sdk"
build "$runtime" "$here/dotnet-runtime.Dockerfile" "$context/runtime"

# docker-compose.yml reads the image names from .env; made from .env.example (with new random secrets) when missing.
env_file="$root/.env"
if [ ! -f "$env_file" ]; then
    say "writing $env_file from .env.example with new random passwords"
    while IFS= read -r line; do
        case "$line" in
            *PASSWORD=change-me) echo "${line%%=*}=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" ;;
            *) echo "$line" ;;
        esac
    done < "$root/.env.example" > "$env_file"
    chmod 600 "$env_file"
fi
for pair in "POSTGRES_IMAGE=$postgres" "RABBITMQ_IMAGE=$rabbitmq" "DOTNET_SDK_IMAGE=$sdk" "DOTNET_RUNTIME_IMAGE=$runtime"; do
    sed -i "/^${pair%%=*}=/d" "$env_file"
    echo "$pair" >> "$env_file"
done
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep '^support-local/' | sed 's/^/[offline-images] /'
