#!/usr/bin/env bash
# Builds the C example plugins: each folder examples/NAME/ holding *.c files becomes
# tool-manifests/plugins/wasm/NAME.wasm (a WASI reactor following the sirsi-json-v1 ABI);
# examples/common/ is shared code linked into every plugin.
#
# Usage: build-c.sh [REPO_ROOT]    (from any directory; REPO_ROOT defaults to this script's repo)
# Environment: CC (default clang), WASI_SYSROOT (default /usr), CFLAGS_EXTRA.
# Quiet on success; rebuilds only plugins whose sources changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${1:-"$here/../../.."}"
if [[ ! -d "$root/tool-manifests" ]]; then
  echo "build-c.sh: $root is not the Sirsi repository root (no tool-manifests/)" >&2
  exit 1
fi
root="$(cd "$root" && pwd)"
out="$root/tool-manifests/plugins/wasm"

cc="${CC:-clang}"
sysroot="${WASI_SYSROOT:-/usr}"

missing=()
if ! command -v "$cc" >/dev/null 2>&1; then
  missing+=("clang (the C compiler, $cc)")
else
  major="$("$cc" -dumpversion 2>/dev/null | cut -d. -f1)"
  # the linker clang would run (Debian's clang asks for wasm-ld-NN), from a dry run
  linker="$("$cc" --target=wasm32-wasi "--sysroot=$sysroot" -mexec-model=reactor -Wl,--no-entry \
      -x c /dev/null -o /dev/null -### 2>&1 | tail -n 1 | cut -d'"' -f2)"
  if [[ -z "$linker" ]] || ! command -v "$linker" >/dev/null 2>&1; then
    missing+=("lld (the WebAssembly linker${linker:+, $linker})")
  fi
  builtins="$("$cc" --target=wasm32-wasi -print-libgcc-file-name 2>/dev/null || true)"
  if [[ -z "$builtins" || ! -f "$builtins" ]]; then
    missing+=("libclang-rt-${major:-NN}-dev-wasm32 (compiler-rt builtins for wasm32${builtins:+: $builtins})")
  fi
fi
if [[ ! -f "$sysroot/lib/wasm32-wasi/libc.a" ]]; then
  missing+=("wasi-libc (the WASI sysroot: $sysroot/lib/wasm32-wasi/libc.a)")
fi
if ((${#missing[@]})); then
  {
    echo "build-c.sh: cannot build the C plugins; missing:"
    printf '  - %s\n' "${missing[@]}"
    echo "On Debian/Ubuntu: sudo apt-get install clang lld wasi-libc libclang-rt-${major:-14}-dev-wasm32"
    echo "(or point CC at a clang and WASI_SYSROOT at a wasi-sysroot, e.g. from wasi-sdk)"
  } >&2
  exit 1
fi

flags=(
  --target=wasm32-wasi "--sysroot=$sysroot" -mexec-model=reactor
  -std=c11 -Oz -Wall -Wextra -Wno-unused-parameter
  -I"$here/common"
  -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=262144
)
if [[ -n "${CFLAGS_EXTRA:-}" ]]; then
  # shellcheck disable=SC2206 # word splitting wanted
  flags+=($CFLAGS_EXTRA)
fi

mkdir -p "$out"
tmp=""
trap 'if [[ -n "$tmp" ]]; then rm -f "$tmp"; fi' EXIT
shopt -s nullglob
common=("$here"/common/*.c)
for dir in "$here"/*/; do
  name="$(basename "$dir")"
  [[ "$name" == common ]] && continue
  sources=("$dir"*.c)
  ((${#sources[@]})) || continue
  target="$out/$name.wasm"
  if [[ -f "$target" ]] && [[ -z "$(find "$dir" "$here/common" "${BASH_SOURCE[0]}" \
      -newer "$target" \( -name '*.c' -o -name '*.h' -o -name build-c.sh \) -print -quit)" ]]; then
    continue
  fi
  tmp="$(mktemp "$out/.$name.XXXXXX")"
  if ! "$cc" "${flags[@]}" -o "$tmp" "${sources[@]}" "${common[@]}"; then
    echo "build-c.sh: building $name failed" >&2
    exit 1
  fi
  chmod 644 "$tmp"
  mv -f "$tmp" "$target"
  tmp=""
done
