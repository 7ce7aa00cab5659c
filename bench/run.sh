#!/usr/bin/env bash
# The workload table of issue 7, in one command: iochound over generated DnsEvents (the seed hunt,
# IOC lists of 2,481 real and 100,000 generated domains, a summarize), EVTX and Sigma over the real
# samples, a large input streamed through stdin, next to the baselines cat, rg, jq (on a slice) and
# DuckDB run in the same command. Method and caveats: bench/README.md.
#
#   bench/run.sh                                        quick: 100 MiB inputs, a few minutes
#   BENCH_SIZE=1g BENCH_STREAM_SIZE=10g bench/run.sh    the table of docs/performance.md
set -euo pipefail
cd "$(dirname "$0")/.."

build=${BUILD:-build}
size=${BENCH_SIZE:-100m}
stream_size=${BENCH_STREAM_SIZE:-$size}
evtx_size=${BENCH_EVTX_SIZE:-200m}
threads=${BENCH_THREADS:-$(nproc)}
shared=${IOCHOUND_SHARED_DIR:-../shared}
out=bench/out
iochound=$build/iochound
gen=$build/gen_dns_events
seed_rule=rules/nanocore/dns_hunt.kql
nanocore_feed=$shared/data/real/openhunting-io/nanocore_rat.threatfox-derived.json
sigma_rules=$shared/data/sigma/rules/windows/process_creation
otrf_zips=$shared/data/real/otrf-security-datasets/sysmon-json-zipped
summarize='DnsEvents | summarize count() by QueryType, bin(TimeGenerated, 1h)'

for tool in "$gen" "$iochound"; do
  [ -x "$tool" ] || { echo "run.sh: $tool is not built; run 'make build' first" >&2; exit 2; }
done
for tool in /usr/bin/time rg; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing; run scripts/install-deps.sh" >&2; exit 2; }
done
mkdir -p "$out"

# bytes SIZE: a size with a k/m/g suffix in bytes.
bytes() { numfmt --from=iec "$(echo "$1" | tr a-z A-Z)"; }

# generate FILE ARGS...: gen_dns_events output kept for later runs (delete it to regenerate).
generate() {
  local file=$1
  shift
  [ -s "$file" ] && return
  echo "generating $file ..." >&2
  "$gen" "$@" -o "$file.tmp"
  mv "$file.tmp" "$file"
}

# --- Inputs -------------------------------------------------------------------------------------
jsonl=$out/dns_${size}.jsonl
csv=$out/dns_${size}.csv
slice=$out/dns_${size}_slice50m.jsonl
generate "$jsonl" --size "$size" --seed 1
generate "$csv" --size "$size" --seed 1 --format csv
[ -s "$slice" ] || head -c 50M "$jsonl" | head -n -1 > "$slice"  # the first 50 MB, whole lines

# Workload 2: the real Nanocore list and 100,000 generated domains, each as the KQL `let` lists
# `iochound ioc export --to kql` writes, planted into their own copy of the DnsEvents data.
nanocore_domains=$out/nanocore_domains.txt
if [ -f "$nanocore_feed" ]; then
  [ -s "$nanocore_domains" ] || "$iochound" ioc list --ioc-mapping openhunting --format csv "$nanocore_feed" |
    awk -F, '$2 == "domain" { print $1 }' > "$nanocore_domains"
  [ -s $out/nanocore.kql ] ||
    "$iochound" ioc export --to kql --ioc-mapping openhunting "$nanocore_feed" -o $out/nanocore.kql 2>/dev/null
  generate "$out/dns_${size}_nanocore.jsonl" --size "$size" --seed 1 --domains "$nanocore_domains"
else
  echo "run.sh: $nanocore_feed is missing: the Nanocore rows are skipped" >&2
fi
ioc100k=$out/ioc100k.txt
generate "$ioc100k" --ioc-feed 100000 --seed 7
[ -s $out/ioc100k.kql ] || "$iochound" ioc export --to kql "$ioc100k" -o $out/ioc100k.kql
generate "$out/dns_${size}_ioc100k.jsonl" --size "$size" --seed 1 --domains "$ioc100k"

# Workload 4: the shared EVTX samples copied until they make evtx_size.
evtx_dir=$out/evtx_${evtx_size}
if [ ! -d "$evtx_dir" ]; then
  mkdir -p "$evtx_dir.tmp"
  mapfile -t samples < <(find "$shared/data/real" -name '*.evtx' | sort)
  target=$(bytes "$evtx_size")
  total=0
  copy=0
  while [ "$total" -lt "$target" ] && [ ${#samples[@]} -gt 0 ]; do
    copy=$((copy + 1))
    for sample in "${samples[@]}"; do
      cp "$sample" "$evtx_dir.tmp/$(printf '%04d' $copy)_$(basename "$sample")"
      total=$((total + $(stat -c %s "$sample")))
    done
  done
  mv "$evtx_dir.tmp" "$evtx_dir"
fi

# Workload 5: the OTRF LSASS Sysmon JSON, unzipped.
otrf_dir=$out/otrf_lsass
if [ ! -d "$otrf_dir" ] && [ -d "$otrf_zips" ]; then
  python3 -c 'import sys, zipfile
for z in sys.argv[2:]: zipfile.ZipFile(z).extractall(sys.argv[1])' "$otrf_dir.tmp" "$otrf_zips"/*.zip
  mv "$otrf_dir.tmp" "$otrf_dir"
fi

# DuckDB through node, installed into bench/out when the npm registry can be reached.
duckdb=
if command -v node >/dev/null && command -v npm >/dev/null; then
  [ -d $out/node_modules/@duckdb/node-api ] ||
    npm install --prefix $out --no-audit --no-fund --silent @duckdb/node-api >&2 || true
  [ -d $out/node_modules/@duckdb/node-api ] && duckdb=1
fi
[ -n "$duckdb" ] || echo "run.sh: DuckDB (npm @duckdb/node-api) is not available: its rows are skipped" >&2

# Every run reads from the page cache, so the numbers compare CPU work, not the disk.
cat "$out"/*.jsonl "$out"/*.csv "$evtx_dir"/* > /dev/null
[ -d "$otrf_dir" ] && cat "$otrf_dir"/* > /dev/null

# --- Measuring ----------------------------------------------------------------------------------
rows=()
declare -A rate_of  # "group/tool/threads" -> MB/s, for the ratios
declare -A cpu_of   # "group/tool/threads" -> CPU seconds (user + system), for rates per core

# lines FILE: its records (lines; a CSV's header is not one).
lines() { wc -l < "$1"; }

# measure GROUP WORKLOAD TOOL THREADS BYTES EVENTS COMMAND...: wall seconds and peak RSS of one
# run; the output goes to a file whose lines are counted. With STDIN_FROM set, that command's
# output is piped into COMMAND (only COMMAND is timed).
measure() {
  local group=$1 workload=$2 tool=$3 threads=$4 input_bytes=$5 events=$6
  shift 6
  local stats=$out/last.time result=$out/last.out status=ok
  if [ -n "${STDIN_FROM:-}" ]; then
    bash -c "$STDIN_FROM" | /usr/bin/time -f '%e %M %U %S' -o "$stats" "$@" > "$result" 2> "$out/last.err" ||
      status="failed (exit $?)"
  else
    /usr/bin/time -f '%e %M %U %S' -o "$stats" "$@" > "$result" 2> "$out/last.err" || status="failed (exit $?)"
  fi
  if [ "$status" != ok ]; then
    echo "run.sh: $workload, $tool: $status: $(grep -v '^Command exited' "$out/last.err" | head -c 300)" >&2
  fi
  local secs kb user sys cpu
  read -r secs kb user sys < <(tail -n 1 "$stats")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  local mbps eps
  mbps=$(awk -v b="$input_bytes" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", b / 1048576 / s; else print "-" }')
  eps=$(awk -v e="$events" -v s="$secs" 'BEGIN { if (s > 0 && e > 0) printf "%.0f", e / s; else print "-" }')
  rate_of[$group/$tool/$threads]=$mbps
  cpu_of[$group/$tool/$threads]=$cpu
  rows+=("$group|$workload|$tool|$threads|$secs|$cpu|$mbps|$eps|$((kb / 1024))|$(lines "$result")|$status")
}


# Workload 1: the seed hunt over JSON Lines and CSV.
jsonl_bytes=$(stat -c %s "$jsonl")
jsonl_events=$(lines "$jsonl")
# cat's output goes to /dev/null, not to the counted file (writing 1 GB to disk is not reading it).
measure w1 "read (limit)" cat - "$jsonl_bytes" "$jsonl_events" bash -c 'cat "$1" > /dev/null' cat "$jsonl"
measure w1 "seed hunt" rg - "$jsonl_bytes" "$jsonl_events" rg -i -F -e project1.in.net -e defence.in.net "$jsonl"
measure w1 "seed hunt" iochound 1 "$jsonl_bytes" "$jsonl_events" \
  "$iochound" query --format jsonl -f $seed_rule --table "DnsEvents=$jsonl" --threads 1
measure w1 "seed hunt" iochound "$threads" "$jsonl_bytes" "$jsonl_events" \
  "$iochound" query --format jsonl -f $seed_rule --table "DnsEvents=$jsonl" --threads "$threads"
measure w1raw "seed hunt, no prefilter" iochound 1 "$jsonl_bytes" "$jsonl_events" \
  "$iochound" query --format jsonl -f $seed_rule --table "DnsEvents=$jsonl" --threads 1 --no-prefilter
if [ -n "$duckdb" ]; then
  # Kusto's `has` as a regex: the domain between term boundaries (not a letter or digit), any case.
  measure w1 "seed hunt" duckdb "$(nproc)" "$jsonl_bytes" "$jsonl_events" node bench/duckdb_query.mjs \
    "SELECT TimeGenerated, Computer, Name, IPAddresses, QueryType FROM read_json_auto('$jsonl')
     WHERE regexp_matches(lower(Name), '(^|[^a-z0-9])(project1\\.in\\.net|defence\\.in\\.net)(\$|[^a-z0-9])')
     ORDER BY TimeGenerated DESC"
fi
slice_bytes=$(stat -c %s "$slice")
slice_events=$(lines "$slice")
if command -v jq >/dev/null; then
  # jq has no `has`: the same term-boundary regex, without the sort.
  measure slice "seed hunt, 50 MB slice" jq 1 "$slice_bytes" "$slice_events" jq -c \
    'select(.Name | ascii_downcase | test("(^|[^a-z0-9])(project1\\.in\\.net|defence\\.in\\.net)($|[^a-z0-9])"))
     | {TimeGenerated, Computer, Name, IPAddresses, QueryType}' "$slice"
fi
measure slice "seed hunt, 50 MB slice" iochound 1 "$slice_bytes" "$slice_events" \
  "$iochound" query --format jsonl -f $seed_rule --table "DnsEvents=$slice" --threads 1
csv_bytes=$(stat -c %s "$csv")
csv_events=$(($(lines "$csv") - 1))
measure w1csv "seed hunt, CSV" rg - "$csv_bytes" "$csv_events" rg -i -F -e project1.in.net -e defence.in.net "$csv"
measure w1csv "seed hunt, CSV" iochound 1 "$csv_bytes" "$csv_events" \
  "$iochound" query --format jsonl -f $seed_rule --table "DnsEvents=$csv" --threads 1
measure w1csv "seed hunt, CSV" iochound "$threads" "$csv_bytes" "$csv_events" \
  "$iochound" query --format jsonl -f $seed_rule --table "DnsEvents=$csv" --threads "$threads"

# Workload 2: the same hunt with long IOC lists.
for list in nanocore ioc100k; do
  file=$out/dns_${size}_$list.jsonl
  [ -s "$file" ] || continue
  domains=$nanocore_domains
  [ $list = ioc100k ] && domains=$ioc100k
  label="$(lines "$domains") domains"
  # rg -i gives up on 100,000 literals (its regex size limit); GNU grep -F in the C locale does not.
  measure "w2$list" "$label" grep - "$(stat -c %s "$file")" "$(lines "$file")" \
    env LC_ALL=C grep -F -i -f "$domains" "$file"
  for t in 1 "$threads"; do
    measure "w2$list" "$label" iochound "$t" "$(stat -c %s "$file")" "$(lines "$file")" \
      "$iochound" query --format jsonl -f "$out/$list.kql" --table "DnsEvents=$file" --threads "$t"
  done
done

# Workload 3: no literal to prefilter on.
for t in 1 "$threads"; do
  measure w3 "summarize by QueryType, 1h" iochound "$t" "$jsonl_bytes" "$jsonl_events" \
    "$iochound" query --format jsonl -q "$summarize" --table "DnsEvents=$jsonl" --threads "$t"
done
if [ -n "$duckdb" ]; then
  measure w3 "summarize by QueryType, 1h" duckdb "$(nproc)" "$jsonl_bytes" "$jsonl_events" \
    node bench/duckdb_query.mjs "SELECT QueryType, date_trunc('hour', CAST(TimeGenerated AS TIMESTAMP)) AS hour,
      count(*) AS count_ FROM read_json_auto('$jsonl') GROUP BY ALL"
fi

# Workload 4: EVTX decoding. Sysmon records are rows of Event (WindowsEvent has every record).
evtx_bytes=$(du -sb "$evtx_dir" | cut -f1)
evtx_events=$("$iochound" query -q 'WindowsEvent | count' --input "$evtx_dir" --no-summary --format csv | tail -n 1)
for t in 1 "$threads"; do
  measure w4 "EVTX: Event EventID 1, count" iochound "$t" "$evtx_bytes" "$evtx_events" \
    "$iochound" query --format jsonl -q 'Event | where EventID == 1 | count' --input "$evtx_dir" --no-summary --threads "$t"
done

# Workload 5: every process_creation Sigma rule over the OTRF LSASS Sysmon JSON: the first
# BENCH_SIGMA_EVENTS records of each file (all of them with BENCH_SIGMA_EVENTS=all).
sigma_events=${BENCH_SIGMA_EVENTS:-all}
if [ -d "$otrf_dir" ] && [ -d "$sigma_rules" ]; then
  sigma_dir=$out/otrf_lsass_$sigma_events
  if [ ! -d "$sigma_dir" ]; then
    mkdir -p "$sigma_dir"
    for f in "$otrf_dir"/*; do
      if [ "$sigma_events" = all ]; then cp "$f" "$sigma_dir/"; else head -n "$sigma_events" "$f" > "$sigma_dir/$(basename "$f")"; fi
    done
  fi
  rules=$(find "$sigma_rules" -name '*.yml' | wc -l)
  sigma_events_count=$(cat "$sigma_dir"/* | wc -l)
  measure w5 "Sigma: $rules process_creation rules" iochound default "$(du -sb "$sigma_dir" | cut -f1)" \
    "$sigma_events_count" "$iochound" hunt --sigma "$sigma_rules" --format jsonl "$sigma_dir"
fi

# Streamed: the generator piped into iochound reading stdin; memory must not grow with the input.
stream_bytes=$(bytes "$stream_size")
STDIN_FROM="$gen --size $stream_size --seed 1" measure stream "seed hunt, stdin $stream_size" iochound \
  "$threads" "$stream_bytes" 0 "$iochound" query --format jsonl -f $seed_rule --table DnsEvents=- --threads "$threads"
STDIN_FROM="$gen --size $stream_size --seed 1 --domains $ioc100k" measure stream \
  "100000 domains, stdin $stream_size" iochound "$threads" "$stream_bytes" 0 \
  "$iochound" query --format jsonl -f $out/ioc100k.kql --table DnsEvents=- --threads "$threads"
STDIN_FROM="$gen --size $stream_size --seed 1" measure stream "summarize, stdin $stream_size" iochound \
  "$threads" "$stream_bytes" 0 "$iochound" query --format jsonl -q "$summarize" --table DnsEvents=- --threads "$threads"

# --- The table ----------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "inputs: $size DnsEvents ($jsonl_events records), $evtx_size EVTX, $(nproc) cores," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
fmt='%-10s %-32s %-8s %4s %8s %6s %7s %10s %8s %7s %7s %8s  %s\n'
# shellcheck disable=SC2059
printf "$fmt" group workload tool thr seconds "cpu s" MB/s events/s "RSS MB" "x cat" "x rg" "rows" status
for row in "${rows[@]}"; do
  IFS='|' read -r group workload tool t secs cpu mbps eps rss nrows status <<< "$row"
  rg_rate=${rate_of[$group/rg/-]:-${rate_of[$group/grep/-]:-${rate_of[w1/rg/-]}}}
  # shellcheck disable=SC2059
  printf "$fmt" "$group" "$workload" "$tool" "$t" "$secs" "$cpu" "$mbps" "$eps" "$rss" \
    "$(ratio "${rate_of[w1/cat/-]}" "$mbps")" "$(ratio "$rg_rate" "$mbps")" "$nrows" "$status"
done
echo "(x cat, x rg: how many times slower than cat / rg per byte; x rg compares with the rg or grep row"
echo " of the same group, else with rg on the seed hunt; higher is slower)"
echo
echo "ratios (throughput):"
r() { ratio "${rate_of[$1]:-}" "${rate_of[$2]:-}"; }
echo "  w1 seed hunt, ${threads} threads / 1 thread:   $(r "w1/iochound/$threads" w1/iochound/1)"
echo "  w1 seed hunt, 1 thread / rg:          $(r w1/iochound/1 w1/rg/-)"
echo "  w1 seed hunt, ${threads} threads / DuckDB:     $(r "w1/iochound/$threads" "w1/duckdb/$(nproc)")"
echo "  w1 seed hunt CSV, 1 thread / rg:      $(r w1csv/iochound/1 w1csv/rg/-)"
echo "  w2 100,000 domains / w1, 1 thread:    $(r w2ioc100k/iochound/1 w1/iochound/1)"
echo "  w2 2,481 domains, 1 thread / grep:    $(r w2nanocore/iochound/1 w2nanocore/grep/-)"
echo "  w2 100,000 domains, 1 thread / grep:  $(r w2ioc100k/iochound/1 w2ioc100k/grep/-)"
echo "  w2 2,481 domains / w1, 1 thread:      $(r w2nanocore/iochound/1 w1/iochound/1)"
echo "  w3 summarize, ${threads} threads / 1 thread:   $(r "w3/iochound/$threads" w3/iochound/1)"
echo "  w3 summarize, ${threads} threads / DuckDB:     $(r "w3/iochound/$threads" "w3/duckdb/$(nproc)")"
echo "  w4 EVTX, ${threads} threads / 1 thread:        $(r "w4/iochound/$threads" w4/iochound/1)"
if [ -n "${sigma_events_count:-}" ]; then
  # Per core: events over the CPU time of every thread, whatever the hunt ran on.
  echo "  w5 Sigma, events per CPU second:      $(awk -v e="$sigma_events_count" -v c="${cpu_of[w5/iochound/default]}" \
    'BEGIN { if (c > 0) printf "%.0f", e / c; else print "-" }')"
fi
