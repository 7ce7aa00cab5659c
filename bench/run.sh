#!/usr/bin/env bash
# Whole-process benchmark of the seed hunt over a generated DnsEvents export, next to `cat` (the
# cost of reading the bytes at all) and ripgrep (a plain text search for the same domains), plus jq
# on a 50 MB slice. Method and caveats: bench/README.md.
#
#   BENCH_SIZE=1g BUILD=build bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

build=${BUILD:-build}
size=${BENCH_SIZE:-1g}
out=bench/out
file=$out/dns_${size}.jsonl
slice=$out/dns_${size}_slice50m.jsonl
rule=rules/nanocore/dns_hunt.kql

for tool in "$build/gen_dns_events" "$build/iochound"; do
  [ -x "$tool" ] || { echo "run.sh: $tool is not built; run 'make build' first" >&2; exit 2; }
done
for tool in /usr/bin/time rg; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing; run scripts/install-deps.sh" >&2; exit 2; }
done

mkdir -p "$out"
if [ ! -s "$file" ]; then
  echo "generating $file ($size) ..." >&2
  "$build/gen_dns_events" --size "$size" --seed 1 -o "$file.tmp"
  mv "$file.tmp" "$file"
fi
if [ ! -s "$slice" ]; then
  # The first 50 MB, cut back to the last whole line.
  head -c 50M "$file" | head -n -1 > "$slice"
fi

# Every run reads from the page cache, so the numbers compare CPU work, not the disk.
cat "$file" "$slice" > /dev/null

declare -A secs_of
rows=()

# measure WORKLOAD TOOL FILE COMMAND...: wall seconds and peak RSS of one run, output discarded.
measure() {
  local workload=$1 tool=$2 input=$3
  shift 3
  local stats
  stats=$(mktemp)
  local status=ok
  /usr/bin/time -f '%e %M' -o "$stats" "$@" > /dev/null 2> "$stats.err" || status="failed (exit $?)"
  local secs kb
  read -r secs kb < <(tail -n 1 "$stats")
  if [ "$status" != ok ]; then
    echo "run.sh: $tool $status: $(head -c 300 "$stats.err")" >&2
  fi
  rm -f "$stats" "$stats.err"
  local bytes
  bytes=$(stat -c %s "$input")
  secs_of[$tool/$input]=$secs
  rows+=("$workload|$tool|$secs|$kb|$bytes|$status")
}

measure "read (limit)" cat "$file" cat "$file"
measure "text search" rg "$file" rg -i -F -e project1.in.net -e defence.in.net "$file"
measure "seed hunt" iochound "$file" \
  "$build/iochound" query -f "$rule" --table "DnsEvents=$file" --format jsonl
# jq has no `has`: this filter approximates it for ASCII names (whole terms, any case), without the sort.
if command -v jq >/dev/null; then
  jq_filter='select(.Name | ascii_downcase | test("(^|[^a-z0-9])(project1\\.in\\.net|defence\\.in\\.net)($|[^a-z0-9])"))
             | {TimeGenerated, Computer, Name, IPAddresses, QueryType}'
  measure "seed hunt, 50 MB" jq "$slice" jq -c "$jq_filter" "$slice"
  measure "seed hunt, 50 MB" iochound "$slice" \
    "$build/iochound" query -f "$rule" --table "DnsEvents=$slice" --format jsonl
fi

# Ratios compare throughput, so rows over the 50 MB slice compare with the full-file cat and rg.
rate() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1048576 / s; else printf "-" }'; }
cat_rate=$(rate "$(stat -c %s "$file")" "${secs_of[cat/$file]}")
rg_rate=$(rate "$(stat -c %s "$file")" "${secs_of[rg/$file]}")

echo
echo "input: $file ($(stat -c %s "$file") bytes), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
printf '%-18s %-9s %8s %9s %13s %8s %8s  %s\n' workload tool seconds MB/s "peak RSS MB" "x cat" "x rg" status
for row in "${rows[@]}"; do
  IFS='|' read -r workload tool secs kb bytes status <<< "$row"
  mbps=$(rate "$bytes" "$secs")
  printf '%-18s %-9s %8s %9s %13s %8s %8s  %s\n' "$workload" "$tool" "$secs" "$mbps" \
    "$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
    "$(awk -v c="$cat_rate" -v m="$mbps" 'BEGIN { if (m > 0) printf "%.1f", c / m; else printf "-" }')" \
    "$(awk -v r="$rg_rate" -v m="$mbps" 'BEGIN { if (m > 0) printf "%.1f", r / m; else printf "-" }')" \
    "$status"
done
echo "(x cat, x rg: how many times slower than cat / rg per byte; higher is slower)"
