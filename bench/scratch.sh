# Sourced by the benchmarks that start processes: a scratch directory under target/ ($work) and the processes
# started for the run ($pids: add each with `pids+=($!)`), all stopped and removed when the script exits.
# Usage: scratch_dir NAME [more paths to remove on exit...]   ($here must be the project's directory)
scratch_dir() {
  work="$(mktemp -d "$here/target/$1.XXXXXX")"
  pids=()
  scratch_also=("${@:2}")
  trap scratch_cleanup EXIT
}
scratch_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work" "${scratch_also[@]}"
}
