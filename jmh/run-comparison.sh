#!/usr/bin/env bash
# The peer comparison of docs/performance.md, in one command (about 20 minutes on 2 cores):
#
#   mvn -B -pl jmh -am package -DskipTests        # builds jmh/target/benchmarks.jar
#   jmh/run-comparison.sh [out-dir]               # default out-dir: jmh/target/comparison
#
# Runs every workload of org.stm4j.jmh.peers at 1, 2 and 4 threads (UNSYNCHRONIZED at 1 only; the
# scan as -tg 1,0 / 1,1 / 1,3: one scanner plus writers), one JMH invocation per workload and
# thread count, each writing <workload>-t<threads>.json and .txt (with the foreign load, see
# measure-lib.sh) into out-dir; then renders out-dir/comparison.md (tables) and
# out-dir/comparison.svg (chart) with render-comparison.py. Copy those into docs/ to publish.
#
# Implementations: at 1 thread every value of org.stm4j.jmh.peers.Impl (no -p impl: JMH runs them
# all), at 2 and 4 all but UNSYNCHRONIZED ($concurrent below). stm4j appears twice: STM4J (blocks
# built once, preboxed values) and STM4J_USER (written as the README and guide show: a capturing
# lambda per call, fresh boxes, every operation in atomic).
#
# Environment: JMH_OPTS (default "-f 1 -wi 3 -w 700ms -i 5 -r 700ms"), THREADS (default "1 2 4"),
# WORKLOADS (default: all, see below), QUIET_WAIT (seconds to wait for an idle machine before each
# invocation, default 10), JAR.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/target/benchmarks.jar}"
out="${1:-$here/target/comparison}"
read -r -a opts <<< "${JMH_OPTS:--f 1 -wi 3 -w 700ms -i 5 -r 700ms}"
read -r -a thread_counts <<< "${THREADS:-1 2 4}"
quiet_wait="${QUIET_WAIT:-10}"
failures=0
mkdir -p "$out"
# shellcheck source=measure-lib.sh
source "$here/measure-lib.sh"

# workload name -> benchmark method (a JMH regexp)
declare -A benchmark=(
    [var-read]='org.stm4j.jmh.peers.SharedVarBenchmark.read$'
    [var-increment]='org.stm4j.jmh.peers.SharedVarBenchmark.increment$'
    [list-transfer]='org.stm4j.jmh.peers.ListTransferBenchmark.transfer$'
    [dict-increment]='org.stm4j.jmh.peers.DictBenchmark.increment$'
    [read-mostly]='org.stm4j.jmh.peers.DictBenchmark.readMostly$'
    [bank]='org.stm4j.jmh.peers.BankBenchmark.transfer$'
    [cross-update]='org.stm4j.jmh.peers.CrossUpdateBenchmark.update$'
    [scan]='org.stm4j.jmh.peers.BankBenchmark.scan$'
)
read -r -a workloads <<< "${WORKLOADS:-var-read var-increment list-transfer dict-increment read-mostly bank cross-update scan}"
concurrent='STM4J,STM4J_USER,GLOBAL_LOCK,OBJECT_LOCKS,SCALA_STM,MULTIVERSE,CLOJURE'

[[ -f $jar ]] || { echo "no $jar: run mvn -B -pl jmh -am package -DskipTests first" >&2; exit 2; }
record_environment
started=$SECONDS
for t in "${thread_counts[@]}"; do
    for w in "${workloads[@]}"; do
        [[ -n ${benchmark[$w]:-} ]] || { echo "unknown workload $w" >&2; exit 2; }
        args=("${benchmark[$w]}" "${opts[@]}")
        if [[ $w == scan ]]; then
            args+=(-tg "1,$((t - 1))")
        else
            args+=(-t "$t")
        fi
        if ((t > 1)); then
            args+=(-p "impl=$concurrent")
        fi
        measure "$w-t$t" "${args[@]}"
    done
done
echo "# all invocations: $((SECONDS - started)) s, $failures failed"
python3 "$here/render-comparison.py" "$out"
exit $((failures > 0))
