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
# collections: about 15 minutes (96 forks).
# Override the iteration settings with JMH_OPTS, e.g. JMH_OPTS="-f 2 -wi 5 -w 1s -i 10 -r 1s".
#
# On a shared 2-core machine, a multi-threaded result means nothing unless the cores were free.
# So before each invocation the script waits (up to QUIET_WAIT seconds, default 60) for the
# machine to be idle, and afterwards it appends to <name>.txt the CPU time that *other* processes
# used meanwhile ("foreign load", in cores: total busy CPU from /proc/stat minus this run's own).
# Discard -t 2 / -t 4 results whose foreign load is well above zero.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/target/benchmarks.jar}"
out="${1:-$here/target/results}"
opts="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
quiet_wait="${QUIET_WAIT:-60}"
suite="${SUITE:-all}"
children_cpu=0
hz="$(getconf CLK_TCK)"
mkdir -p "$out"
times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT

# Busy CPU seconds of the whole machine: user nice system irq softirq steal.
busy_seconds() {
    awk -v hz="$hz" '/^cpu /{ printf "%.3f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

# Sets children_cpu to the CPU seconds used by this shell's finished children (JMH and its
# forks). Not called as $(...): `times` in a subshell would report the subshell's children.
children_seconds() {
    times > "$times_file"
    children_cpu="$(awk 'END { s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] }
        printf "%.3f\n", s }' "$times_file")"
}

wait_until_quiet() {
    local deadline=$((SECONDS + quiet_wait)) a b
    while ((SECONDS < deadline)); do
        a="$(busy_seconds)"
        sleep 2
        b="$(busy_seconds)"
        if awk -v a="$a" -v b="$b" 'BEGIN { exit !((b - a) / 2 < 0.2) }'; then
            return
        fi
    done
}

run() {
    local name="$1"
    shift
    wait_until_quiet
    echo "\$ java -jar jmh/target/benchmarks.jar $* $opts -prof gc" | tee "$out/$name.txt"
    local b0 c0 t0 b1 c1 t1
    b0="$(busy_seconds)"; children_seconds; c0="$children_cpu"; t0="$(date +%s.%N)"
    # shellcheck disable=SC2086
    java -jar "$jar" "$@" $opts -prof gc -rf json -rff "$out/$name.json" >> "$out/$name.txt" 2>&1
    b1="$(busy_seconds)"; children_seconds; c1="$children_cpu"; t1="$(date +%s.%N)"
    awk -v b0="$b0" -v b1="$b1" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v n="$(nproc)" 'BEGIN {
        wall = t1 - t0; mine = c1 - c0; foreign = (b1 - b0) - mine; if (foreign < 0) foreign = 0
        printf "# wall %.1f s, this run %.2f cores, foreign load %.2f cores (of %d)\n", wall, mine / wall, foreign / wall, n
    }' | tee -a "$out/$name.txt"
}

{
    java -version 2>&1
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
} > "$out/environment.txt"

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
    # 3. Collection workloads at 1, 2 and 4 threads against the unsynchronized JDK collections
    #    (1 thread only: they are not thread-safe), one global lock and per-collection locks.
    workloads=(ListTransferBenchmark DictIncrementBenchmark ReadMostlyDictBenchmark
               BankTransferBenchmark CrossUpdateBenchmark)
    run collections-t1 "${workloads[@]}" -t 1
    for t in 2 4; do
        run "collections-t$t" "${workloads[@]}" -t "$t" -p impl=stm,globalLock,perObjectLock
    done

    # 4. Single operations, one thread (one collection, one thread: perObjectLock would repeat globalLock).
    run collections-ops DictOpsBenchmark ListOpsBenchmark SetQueueOpsBenchmark -p impl=stm,unsync,globalLock
fi
