# Shared by run-benchmarks.sh and run-comparison.sh (source it; needs bash). Runs JMH invocations
# on a shared machine and records how loaded the machine was by others meanwhile.
#
# measure NAME ARGS...: waits (up to $quiet_wait seconds) until the machine is idle, runs
# `java -jar $jar ARGS... -rf json -rff $out/NAME.json`, writes the console output to $out/NAME.txt
# and appends "# wall W s, this run R cores, foreign load F cores (of N)": F is the CPU time that
# *other* processes used during the run (busy CPU from /proc/stat minus this run's own), in cores.
# A multi-threaded result whose foreign load is well above zero was measured on a busy machine.

hz="$(getconf CLK_TCK)"
children_cpu=0
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

measure() {
    local name="$1"
    shift
    wait_until_quiet
    echo "\$ java -jar jmh/target/benchmarks.jar $*" | tee "$out/$name.txt"
    local b0 c0 t0 b1 c1 t1
    b0="$(busy_seconds)"; children_seconds; c0="$children_cpu"; t0="$(date +%s.%N)"
    java -jar "$jar" "$@" -rf json -rff "$out/$name.json" >> "$out/$name.txt" 2>&1 || {
        echo "# FAILED: see $out/$name.txt" | tee -a "$out/$name.txt"
        failures=$((failures + 1))
    }
    b1="$(busy_seconds)"; children_seconds; c1="$children_cpu"; t1="$(date +%s.%N)"
    awk -v b0="$b0" -v b1="$b1" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v n="$(nproc)" 'BEGIN {
        wall = t1 - t0; mine = c1 - c0; foreign = (b1 - b0) - mine; if (foreign < 0) foreign = 0
        printf "# wall %.1f s, this run %.2f cores, foreign load %.2f cores (of %d)\n", wall, mine / wall, foreign / wall, n
    }' | tee -a "$out/$name.txt"
}

# Writes the JVM, core count and CPU model to $out/environment.txt.
record_environment() {
    {
        java -version 2>&1
        echo "nproc: $(nproc)"
        grep -m1 'model name' /proc/cpuinfo
        echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    } > "$out/environment.txt"
}
