#!/usr/bin/env bash
# Makes sure the shim can be built: libtorch's headers and libraries, an optimized BLAS, cmake and g++.
# On Debian/Ubuntu it installs what is missing with apt-get (as root, or through sudo); DSLNAS_NO_APT=1 turns
# that off. Anything it cannot do ends in one message naming the command to run.
set -euo pipefail

packages="libtorch-dev libgloo-dev libopenblas0-openmp cmake g++"

if [ -n "${LIBTORCH_HOME:-}" ]; then
  if [ ! -f "$LIBTORCH_HOME/include/torch/csrc/api/include/torch/torch.h" ]; then
    echo "error DNT0001: LIBTORCH_HOME=$LIBTORCH_HOME holds no libtorch (include/torch/csrc/api/include/torch/torch.h is missing). Point it at an unpacked libtorch distribution, or unset it to use Debian's libtorch-dev." >&2
    exit 1
  fi
  command -v cmake >/dev/null && command -v g++ >/dev/null && exit 0
  packages="cmake g++"
else
  missing=""
  [ -f /usr/include/torch/csrc/api/include/torch/torch.h ] || missing="yes"
  [ -f /usr/include/gloo/context.h ] || missing="yes"
  ls /usr/lib/*/libopenblas.so.0 >/dev/null 2>&1 || ls /usr/lib/*/openblas-openmp >/dev/null 2>&1 || missing="yes"
  command -v cmake >/dev/null || missing="yes"
  command -v g++ >/dev/null || missing="yes"
  [ -z "$missing" ] && exit 0
fi

command_line="apt-get update && apt-get install -y $packages"
if [ "${DSLNAS_NO_APT:-}" = "1" ]; then
  echo "error DNT0002: libtorch, OpenBLAS, cmake or g++ is missing and DSLNAS_NO_APT=1 forbids installing them. Run: sudo sh -c '$command_line' (or set LIBTORCH_HOME to a libtorch distribution)." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "error DNT0003: libtorch, OpenBLAS, cmake or g++ is missing and this system has no apt-get. Install libtorch 1.13+ with cmake and g++, then set LIBTORCH_HOME to it." >&2
  exit 1
fi

if [ "$(id -u)" = "0" ]; then
  run=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  run="sudo"
else
  echo "error DNT0004: libtorch, OpenBLAS, cmake or g++ is missing and installing needs root. Run: sudo sh -c '$command_line'" >&2
  exit 1
fi

echo "DslNas: installing $packages with apt-get (set DSLNAS_NO_APT=1 to skip)"
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -q
$run apt-get install -y -q $packages
