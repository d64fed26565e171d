#!/usr/bin/env bash
# Builds lazywasm.
#   ./build.sh          the C core into dist/lazywasm.wasm, and dist/lazywasm.cjs for require();
#                       dist/bench-browser.js for the playground's Benchmark tab;
#                       installs Chromium for the browser tests if it can (NO_CHROMIUM=1: don't)
#   ./build.sh test-c   the C core natively under AddressSanitizer + UBSan, and runs its C tests
#   ./build.sh fuzz [S] the callback compiler under libFuzzer + ASan + UBSan for S seconds (default 20)
# LW_EMCC_EXTRA adds emcc flags to the WASM build (--profiling-funcs: C function names in profiles).
# Installs what it needs (Emscripten, the npm dev dependencies) or says in one sentence how to.
set -euo pipefail
cd "$(dirname "$0")"

WARN=(-Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Werror)
CORE=(csrc/*.c)
SAN=(-O1 -g -fno-strict-aliasing -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)

say() { printf 'build.sh: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

ensure_emcc() {
  command -v emcc >/dev/null && return
  if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then
    say "emcc not found: installing Debian's emscripten package"
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq emscripten >&2
  fi
  command -v emcc >/dev/null || {
    say "Emscripten is needed to build the core: install it (Debian/Ubuntu: 'apt-get install emscripten'; elsewhere: the emsdk) so that 'emcc' is on the PATH, then run this again."
    exit 1
  }
}

ensure_node_modules() {
  [ -d node_modules/esbuild ] && return
  say "installing the npm dev dependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
}

# The browser tests (tests/browser.test.js) drive Debian's Chromium, installed here when missing
# and possible (never downloaded by a tool); without it only those tests fail, saying how to get it.
# NO_CHROMIUM=1 skips this (npm start's build does: the visitor brings a browser).
ensure_chromium() {
  local chromium=${CHROMIUM:-/usr/bin/chromium}
  if [ -x "$chromium" ] || [ -n "${NO_CHROMIUM:-}" ]; then return; fi
  if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then
    say "chromium not found: installing Debian's chromium package for the browser tests"
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 || true
  fi
  [ -x "$chromium" ] || say "the browser tests need Chromium at $chromium: install it (Debian/Ubuntu: 'apt-get install chromium') or set CHROMIUM to a Chromium binary."
}

# Debian's emcc runs its JS optimizer with the system's node modules (acorn).
if [ -z "${NODE_PATH:-}" ] && [ -d /usr/share/nodejs ]; then export NODE_PATH=/usr/share/nodejs; fi

build_wasm() {
  ensure_emcc
  local version stack
  version=$(emcc -dumpversion)
  # The stack setting was renamed in Emscripten 3.1.27; both spell 1 MiB.
  if printf '%s\n3.1.27\n' "$version" | sort -V -C; then stack=TOTAL_STACK; else stack=STACK_SIZE; fi
  mkdir -p dist
  emcc -O3 -msimd128 ${LW_EMCC_EXTRA:-} -fno-strict-aliasing "${WARN[@]}" --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sALLOW_TABLE_GROWTH \
    -sINITIAL_MEMORY=2MB "-s$stack=1MB" --js-library csrc/host_imports.js \
    "${CORE[@]}" -o dist/lazywasm.wasm
  say "dist/lazywasm.wasm: $(wc -c < dist/lazywasm.wasm) bytes (emcc $version)"
}

build_cjs() {
  ensure_node_modules
  # require() can't load an ES module with top-level await on Node 20, so the
  # Node entry is bundled to CommonJS; import.meta.url becomes this file's URL.
  node_modules/.bin/esbuild lib/node.js --bundle --platform=node --format=cjs --log-level=warning \
    --define:import.meta.url=import_meta_url --inject:lib/cjs-shim.js --outfile=dist/lazywasm.cjs
  say "dist/lazywasm.cjs: $(wc -c < dist/lazywasm.cjs) bytes"
}

# The playground's Benchmark tab runs bench/workloads.js with its peer libraries, CommonJS
# packages bundled here into one classic script (see bench/browser.js for why not a module).
build_bench_browser() {
  ensure_node_modules
  node_modules/.bin/esbuild bench/browser.js --bundle --format=iife --global-name=lazywasmBench \
    --platform=browser --log-level=warning --outfile=dist/bench-browser.js
  say "dist/bench-browser.js: $(wc -c < dist/bench-browser.js) bytes"
}

# Every test file is built and run, even after one fails; the status says whether all passed.
test_c() {
  local cc=${CC:-cc} out=build/native failed=()
  mkdir -p "$out"
  for t in tests/c/*_test.c; do
    local name
    name=$(basename "$t" .c)
    "$cc" -std=c99 "${WARN[@]}" "${SAN[@]}" -Icsrc "${CORE[@]}" tests/c/host_stub.c "$t" -lm -o "$out/$name"
    say "$name"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$out/$name" || failed+=("$name")
  done
  if [ ${#failed[@]} -gt 0 ]; then say "failed: ${failed[*]}"; return 1; fi
}

# libFuzzer comes with clang's runtime libraries (Debian: clang, libclang-rt-14-dev).
ensure_libfuzzer() {
  local probe=build/fuzz/probe
  mkdir -p build/fuzz
  printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { (void)d; (void)n; return 0; }\n' > "$probe.c"
  clang -fsanitize=fuzzer "$probe.c" -o "$probe" 2>/dev/null && return
  if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then
    say "libFuzzer not found: installing Debian's clang and libclang-rt-14-dev"
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >&2
  fi
  clang -fsanitize=fuzzer "$probe.c" -o "$probe" 2>/dev/null || {
    say "the fuzz target needs clang with libFuzzer: install clang and its runtime (Debian: 'apt-get install clang libclang-rt-14-dev'), then run this again."
    exit 1
  }
}

fuzz() {
  local seconds=${1:-20} out=build/fuzz
  ensure_libfuzzer
  clang -std=c99 -O1 -g "${WARN[@]}" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Icsrc csrc/js*.c csrc/node.c tests/c/fuzz_parse.c -lm -o "$out/fuzz_parse"
  # New inputs the fuzzer finds go to build/, the committed seeds are only read.
  mkdir -p "$out/corpus"
  "$out/fuzz_parse" -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=1024 \
    -print_final_stats=1 "$out/corpus" tests/c/fuzz_corpus
}

case "${1:-release}" in
  release) build_wasm; build_cjs; build_bench_browser; ensure_chromium ;;
  test-c) test_c ;;
  fuzz) fuzz "${2:-20}" ;;
  *) say "unknown mode '$1' (use: release, test-c, fuzz)"; exit 2 ;;
esac
