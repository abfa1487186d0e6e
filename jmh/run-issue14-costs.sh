#!/usr/bin/env bash
# Issue 14 §1/§2 cost benchmarks, as docs/performance.md ("Composition, single operations and version
# slots") reports them:
#
#   mvn -B -pl jmh -am package -DskipTests      # builds jmh/target/benchmarks.jar
#   jmh/run-issue14-costs.sh [out-dir]          # default out-dir: jmh/target/issue14-costs
#
# CompositionBenchmark and SingleOpBenchmark (1 thread) and VersionSlotBenchmark with 2, 32, 64 and
# 128 worker threads (and with -Dstm4j.clock=gv4 at 2 and 128, where no thread has a version slot), each
# -f 2 -wi 3 -i 5 -r 1 -prof gc; with JDK25=/path/to/jdk also the composition on that JDK. Each
# invocation writes NAME.json and NAME.txt (console, `uptime` before and after, and the foreign load
# from measure-lib.sh). python3 jmh/issue14-report.py out-dir prints the tables (median, error,
# per-iteration min/max, B/op, ratios).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/target/benchmarks.jar}"
out="${1:-$here/target/issue14-costs}"
read -r -a opts <<< "${JMH_OPTS:--f 2 -wi 3 -i 5 -r 1}"
quiet_wait="${QUIET_WAIT:-20}"
read -r -a slot_threads <<< "${SLOT_THREADS:-2 32 64 128}"
failures=0
mkdir -p "$out"
# shellcheck source=measure-lib.sh
source "$here/measure-lib.sh"

run() {
    local name="$1"
    shift
    local tries
    for tries in 1 2 3 4 5 6 7 8 9 10; do # another JMH on this machine holds /tmp/jmh.lock: wait for it
        echo "# uptime before: $(uptime)" > "$out/$name.uptime"
        measure "$name" "$@" "${opts[@]}" -prof gc
        grep -q 'Unable to acquire the JMH lock' "$out/$name.txt" || break
        failures=$((failures - 1))
        sleep 30
    done
    echo "# uptime after: $(uptime)" >> "$out/$name.uptime"
    cat "$out/$name.uptime" >> "$out/$name.txt"
}

[[ -f $jar ]] || { echo "no $jar: run mvn -B -pl jmh -am package -DskipTests first" >&2; exit 2; }
record_environment
run composition-jdk17 'org\.stm4j\.jmh\.collections\.CompositionBenchmark\.'
run single-ops 'org\.stm4j\.jmh\.collections\.SingleOpBenchmark\.'
for t in "${slot_threads[@]}"; do
    run "slots-t$t" 'org\.stm4j\.jmh\.threads\.VersionSlotBenchmark\.' -p "threads=$t"
done
for t in 2 128; do
    run "slots-gv4-t$t" 'org\.stm4j\.jmh\.threads\.VersionSlotBenchmark\.' -p "threads=$t" -jvmArgsAppend -Dstm4j.clock=gv4
done
if [[ -n ${JDK25:-} ]]; then
    PATH="$JDK25/bin:$PATH" run composition-jdk25 'org\.stm4j\.jmh\.collections\.CompositionBenchmark\.'
fi
echo "# $failures failed"
exit $((failures > 0))
