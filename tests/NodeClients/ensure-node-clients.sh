#!/usr/bin/env bash
# Installs the Node.js clients the export tests run (onnxruntime-node, tokenizers, @huggingface/tokenizers, pinned in
# package.json and package-lock.json) into DIRECTORY/node_modules, as the build installs libtorch: node and npm come
# from apt-get when missing (as root, or through sudo; DSLNAS_NO_APT=1 turns that off), the packages from the npm
# registry with --ignore-scripts (onnxruntime-node ships its native library in the package).
set -euo pipefail
target="$1"
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  command_line="apt-get update && apt-get install -y nodejs npm"
  if [ "${DSLNAS_NO_APT:-}" = "1" ]; then
    echo "error DNT0005: the export tests need node and npm, and DSLNAS_NO_APT=1 forbids installing them. Run: sudo sh -c '$command_line'" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "error DNT0006: the export tests need node (18 or later) and npm, and this system has no apt-get; install them." >&2
    exit 1
  fi
  if [ "$(id -u)" = "0" ]; then run=""
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then run="sudo"
  else
    echo "error DNT0007: the export tests need node and npm, and installing them needs root. Run: sudo sh -c '$command_line'" >&2
    exit 1
  fi
  echo "DslNas: installing nodejs npm with apt-get for the export tests (set DSLNAS_NO_APT=1 to skip)"
  export DEBIAN_FRONTEND=noninteractive
  $run apt-get update -q
  $run apt-get install -y -q nodejs npm
fi

mkdir -p "$target"
# Test projects built in parallel share the installation: one installs while the others wait.
exec 9>"$target/.install.lock"
flock 9
cp "$here/package.json" "$here/package-lock.json" "$here"/*.mjs "$target/"
cd "$target"
echo "DslNas: installing the export tests' Node.js clients with npm ci --ignore-scripts"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
