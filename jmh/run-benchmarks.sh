#!/usr/bin/env bash
# Runs the JMH benchmarks the way docs/performance-raw-stm-core.md (SUITE=core) and
# docs/collections-performance-raw.md (SUITE=collections) report them.
#
#   mvn -B -pl jmh -am package -DskipTests      # builds jmh/target/benchmarks.jar
#   jmh/run-benchmarks.sh [out-dir]             # default out-dir: jmh/target/results
#   SUITE=collections jmh/run-benchmarks.sh     # SUITE: core, collections or all (default)
#
# Each JMH invocation writes <name>.txt (console output) and <name>.json into out-dir. core: about 7
# minutes of wall time (39 forks of 3 x 1 s warmup + 5 x 1 s measurement) plus quiet-waits;
# collections: roughly 6 minutes (estimated: the single-operation benchmarks; the compound workloads against the
# locks and the peer STMs are run-comparison.sh's).
# Override the iteration settings with JMH_OPTS, e.g. JMH_OPTS="-f 2 -wi 5 -w 1s -i 10 -r 1s".
#
# On a shared 2-core machine, a multi-threaded result means nothing unless the cores were free.
# So before each invocation the script waits (up to QUIET_WAIT seconds, default 60) for the
# machine to be idle, and afterwards it appends to <name>.txt the CPU time that *other* processes
# used meanwhile ("foreign load", see measure-lib.sh). Discard -t 2 / -t 4 results whose foreign
# load is well above zero.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/target/benchmarks.jar}"
out="${1:-$here/target/results}"
opts="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
quiet_wait="${QUIET_WAIT:-60}"
suite="${SUITE:-all}"
failures=0
mkdir -p "$out"
# shellcheck source=measure-lib.sh
source "$here/measure-lib.sh"

# Every invocation with the iteration settings and the GC profiler (B/op).
run() {
    local name="$1"
    shift
    # shellcheck disable=SC2086
    measure "$name" "$@" $opts -prof gc
}

record_environment

if [[ $suite == core || $suite == all ]]; then
    # 1. Single-thread transaction overhead, every competitor, default (lazy) clock;
    #    the stm4j rows again with the GV4 clock.
    run overhead-lazy 'TxnOverheadBenchmark'
    run overhead-gv4 'TxnOverheadBenchmark' -p impl=TVAR_DIRECT,STM,STM_PREBOXED -jvmArgsAppend -Dstm4j.clock=gv4

    # 2. Disjoint updates at 1, 2 and 4 threads: every competitor with the lazy clock,
    #    the stm4j rows with the GV4 clock.
    for t in 1 2 4; do
        run "disjoint-lazy-t$t" 'DisjointUpdateBenchmark' -t "$t"
    done
    for t in 1 2 4; do
        run "disjoint-gv4-t$t" 'DisjointUpdateBenchmark' -t "$t" -p impl=STM,STM_PREBOXED -jvmArgsAppend -Dstm4j.clock=gv4
    done
fi

if [[ $suite == collections || $suite == all ]]; then
    # 3. Single collection operations, one thread (one collection, one thread: perObjectLock would
    #    repeat globalLock). The compound collection workloads (transfers, dict increments, bank,
    #    cross update, scans) against the locks and the peer STMs are run by run-comparison.sh.
    run collections-ops DictOpsBenchmark ListOpsBenchmark SetQueueOpsBenchmark -p impl=stm,unsync,globalLock
fi
exit $((failures > 0))
