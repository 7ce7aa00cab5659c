#!/usr/bin/env bash
# Installs, with apt-get, every Debian package iochound needs to build, test and benchmark.
# Idempotent: packages already present are not reinstalled and apt's index is refreshed only
# when something is missing, so `make` stays fast on a machine that is set up.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libsimdjson-dev libre2-dev libfmt-dev libcli11-dev libicu-dev
  zlib1g-dev libzstd-dev libidn2-dev
  libhyperscan-dev libyaml-cpp-dev libpcap-dev libsqlite3-dev libarchive-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  ripgrep jq zstd gzip time ccache
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
