#!/usr/bin/env bash
# RUSTC_WRAPPER for the fuzz build on stable Rust: adds libFuzzer's coverage
# instrumentation (what cargo-fuzz adds) only to the cloudlab library and the fuzz
# targets, so every dependency reuses the ordinary debug build's artifacts instead of
# being rebuilt instrumented (cargo-fuzz's cold build of polars+evcxr is ~45 min here).
rustc="$1"; shift
args=("$@")
name=""
for ((i=0; i<${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--crate-name" ]]; then name="${args[$((i+1))]}"; fi
done
case "$name" in
  cloudlab|cell|lexer|complete|import|load)
    # Only the library built with the fuzzing feature (its own artifact), never the normal one.
    if [[ "$name" != cloudlab ]] || [[ " ${args[*]} " == *'feature="fuzzing"'* ]]; then
      exec "$rustc" "${args[@]}" \
        -Cpasses=sancov-module \
        -Cllvm-args=-sanitizer-coverage-level=4 \
        -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
        -Cllvm-args=-sanitizer-coverage-pc-table \
        -Cllvm-args=-sanitizer-coverage-trace-compares \
        --cfg fuzzing
    fi
    ;;
esac
exec "$rustc" "${args[@]}"
