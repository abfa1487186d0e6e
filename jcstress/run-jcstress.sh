#!/usr/bin/env bash
# Runs the stm4j jcstress suite (build first: mvn -B -pl jcstress -am package -DskipTests).
#
#   jcstress/run-jcstress.sh short    # CI: every real-engine test, quick preset, one JVM configuration
#                                     # (C2 scheduling randomizers on, no split compilation): ~3 min
#   jcstress/run-jcstress.sh quick    # quick preset, every JVM configuration jcstress detects (532; ~30 min projected)
#   jcstress/run-jcstress.sh full     # the documented full run: default preset, every configuration (hours)
#   jcstress/run-jcstress.sh broken   # every Broken control, which must each be FLAGGED
#
# The real-engine runs fail (exit 1) on any FORBIDDEN outcome or test error. The broken run fails
# unless jcstress reports a failure for every Broken class: a control that passes means a test
# that can no longer fail. Reports go to jcstress/target/jcstress-<mode>/ (index.html).
# Extra jcstress options can be passed after the mode, e.g. `full -t RetryTest`; to run some of the
# Broken controls only: `ONLY='RetryTest.Broken|OpacityTest.Broken' jcstress/run-jcstress.sh broken`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/jcstress.jar"
mode="${1:-short}"
shift || true
[ -f "$jar" ] || { echo "missing $jar: run 'mvn -B -pl jcstress -am package -DskipTests' first" >&2; exit 2; }
out="$here/target/jcstress-$mode"
rm -rf "$out"
mkdir -p "$out"
real_tests='^(?!.*Broken)'
# One JVM configuration with C2's scheduling randomizers, no split compilation: the CI setting.
short_args=(-m quick -sc false -jvmArgs "-Xmx256m -XX:+UnlockDiagnosticVMOptions -XX:+StressLCM -XX:+StressGCM -XX:+StressIGVN")

case "$mode" in
  short|quick|full)
    args=(-m quick)
    case "$mode" in
      short) args=("${short_args[@]}") ;;
      full) args=(-m default) ;;
    esac
    (cd "$out" && java -jar "$jar" -v -t "$real_tests" "${args[@]}" -r "$out/report" "$@") | tee "$out/console.txt" \
      | grep -E '^\.\.\.\.\.\. \[|RUN RESULTS|matching test results|FORBIDDEN|Observed forbidden' || true
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ] || grep -q -E '\[(FAILED|ERROR)\]' "$out/console.txt"; then
      echo "jcstress $mode: FAILED (see $out/console.txt, $out/report/index.html)" >&2
      exit 1
    fi
    echo "jcstress $mode: every outcome allowed; $(grep -o -E 'Results: [0-9]+ planned; [0-9]+ passed' "$out/console.txt" | tail -1)"
    ;;
  broken)
    only="${ONLY:-Broken\$}"   # e.g. ONLY='RetryTest.Broken' to run one control
    expected=$(java -jar "$jar" -l -t "$only" | grep -E '^org\.stm4j\..*Broken$' | sort -u || true)
    set +e
    (cd "$out" && java -jar "$jar" -v -t "$only" "${short_args[@]}" -r "$out/report" "$@") > "$out/console.txt" 2>&1
    set -e
    flagged=$(grep -o -E '\[FAILED\] org\.stm4j\.[A-Za-z0-9_.$]+' "$out/console.txt" | sed 's/\[FAILED\] //' | sort -u || true)
    missed=$(comm -23 <(echo "$expected") <(echo "$flagged"))
    for t in $expected; do
      if grep -q -x "$t" <<<"$flagged"; then echo "caught  $t"; else echo "MISSED  $t"; fi
    done
    if [ -n "$missed" ] || [ -z "$expected" ]; then
      echo "jcstress broken: some Broken control was not flagged (see $out/console.txt)" >&2
      exit 1
    fi
    echo "jcstress broken: all $(echo "$expected" | wc -l) Broken controls flagged, as they must be"
    ;;
  *)
    echo "unknown mode '$mode' (short, quick, full, broken)" >&2
    exit 2
    ;;
esac
