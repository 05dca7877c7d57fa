#!/usr/bin/env bash
# Run by ./mvnw -Pimage package before Jib: says clearly when the base image's registry cannot be reached (no
# network, a registry behind a proxy) and how to build from a local base instead, rather than Jib's credentials hint.
# Usage: scripts/image-base-check.sh IMAGE_REFERENCE
set -euo pipefail
base="${1:?usage: image-base-check.sh IMAGE}"
case "$base" in
  scratch) exit 0 ;;
  tar://*)
    file="${base#tar://}"
    [ -f "$file" ] && exit 0
    echo "[ERROR] image.base=$base: there is no file $file (a base image tarball in Docker's format: docker save, or skopeo copy ... docker-archive:FILE)" >&2
    exit 1 ;;
  docker://*) exit 0 ;; # Jib reads it from the local Docker daemon and says so itself if there is none
esac
first="${base%%/*}"
if [ "$first" != "$base" ] && { [[ "$first" == *.* ]] || [[ "$first" == *:* ]] || [ "$first" = localhost ]; }; then
  registry="$first"
else
  registry="registry-1.docker.io"
fi
host="${registry%%:*}"
port=443
[[ "$registry" == *:* ]] && port="${registry##*:}"
if timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
  exit 0
fi
cat >&2 <<MESSAGE
[ERROR] The base image $base cannot be pulled: its registry $registry ($host:$port) does not answer from here.
[ERROR] Build on a base you have locally instead, with one of:
[ERROR]   -Dimage.base=scratch                             no Java inside: for checking the layers and the config offline
[ERROR]   -Dimage.base=tar:///path/to/temurin-25-jre.tar   a saved image in Docker's format (docker save, or skopeo copy ... docker-archive:FILE)
[ERROR]   -Dimage.base=localhost:5000/eclipse-temurin:25-jre -Djib.allowInsecureRegistries=true   a local registry
[ERROR]   -Dimage.base=docker://eclipse-temurin:25-jre     an image in the local Docker daemon
MESSAGE
exit 1
