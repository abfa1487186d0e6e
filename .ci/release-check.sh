#!/usr/bin/env bash
# Release check (issue 17): builds what a Maven Central release would upload, signed with a throwaway
# key generated here (no secret lives in the repository), then checks every published artifact
# (the parent POM and the three library modules): main jar, sources, javadoc, CycloneDX SBOM (.json
# and .xml) and POM are present, signed (gpg --verify), check-summed (SHA-256/512), and the POMs carry
# Central's metadata. Then it rebuilds the library modules from clean and compares the jars and SBOMs
# byte for byte (reproducible build). Nothing is published. Usage: .ci/release-check.sh [extra mvn args]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v gpg >/dev/null || { apt-get update -qq && apt-get install -y -qq gnupg >/dev/null; }

work="$(mktemp -d)"
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
cleanup() { gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# an unprotected key, valid for a day, that exists only for this run
gpg --batch --quiet --passphrase '' --quick-gen-key 'stm4j CI throwaway key <ci@stm4j.invalid>' ed25519 sign 1d
key="$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr/ { print $10; exit }')"
echo "== release: throwaway signing key $key"

# jmh and jcstress are not published (they skip sources, javadoc, SBOM and signing): leave them out.
# contention-managers/experiment (the runner) is not published either; it is built, to check below
# that it stays out of the release.
mvn -B -q clean verify -Prelease -DskipTests -Dgpg.keyname="$key" -pl '!jmh,!jcstress' "$@"

version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)"
fail=0
problem() { echo "FAIL: $*"; fail=1; }

# file, its signature and its checksums
check_file() {
  local f="$1"
  [ -s "$f" ] || { problem "missing $f"; return; }
  if [ ! -f "$f.asc" ]; then problem "no signature $f.asc"
  elif ! gpg --batch --quiet --verify "$f.asc" "$f" 2>/dev/null; then problem "bad signature $f.asc"; fi
  for alg in 256 512; do
    if [ ! -f "$f.sha$alg" ]; then problem "no checksum $f.sha$alg"
    elif [ "$(cut -d' ' -f1 < "$f.sha$alg")" != "$(sha${alg}sum "$f" | cut -d' ' -f1)" ]; then problem "wrong checksum $f.sha$alg"; fi
  done
  checked=$((checked + 1))
}

checked=0
# the parent POM: published too (the modules' POMs inherit from it), with Central's metadata
for tag in '<url' '<licenses>' '<name>Apache-2.0</name>' '<developers>' '<scm' '<connection>' '<issueManagement>' '<description>'; do
  grep -q "$tag" pom.xml || problem "pom.xml lacks $tag"
done
check_file "target/stm4j-parent-$version.pom"
for f in target/bom.json target/bom.xml; do check_file "$f"; done

for m in stm-core stm-collections contention-managers; do
  t="$m/target"
  for f in "$t/$m-$version.jar" "$t/$m-$version-sources.jar" "$t/$m-$version-javadoc.jar" \
           "$t/$m-$version.pom" "$t/bom.json" "$t/bom.xml"; do
    check_file "$f"
  done
  grep -q '<name>' "$m/pom.xml" && grep -q '<description>' "$m/pom.xml" || problem "$m/pom.xml lacks name or description"
  sources="$(unzip -Z1 "$t/$m-$version-sources.jar")"
  javadoc="$(unzip -Z1 "$t/$m-$version-javadoc.jar")"
  grep -qx 'module-info.java' <<<"$sources" || problem "$m sources jar lacks module-info.java"
  grep -qx 'index.html' <<<"$javadoc" || problem "$m javadoc jar lacks index.html"
  if grep -q '/internal/' <<<"$javadoc"; then problem "$m javadoc documents an internal package"; fi
  grep -q "\"purl\" : \"pkg:maven/org.stm4j/$m@" "$t/bom.json" || problem "$m SBOM does not describe $m"
done
echo "== release: $checked files present, signed (gpg --verify) and check-summed"

# the experiment runner is a tool, not an artifact: built, but not signed, documented or described
# (the checksum plugin ignores checksum.skip and writes .sha files beside its jar; harmless, as
# install, deploy and the Central plugin all skip it)
exp=contention-managers/experiment/target
[ -s "$exp/contention-experiment-$version.jar" ] || problem "the experiment runner did not build"
for f in "$exp"/*.asc "$exp"/*-sources.jar "$exp"/*-javadoc.jar "$exp"/bom.json; do
  if [ -e "$f" ]; then problem "the unpublished experiment runner has release file $f"; fi
done
if unzip -Z1 "contention-managers/target/contention-managers-$version.jar" | grep -q '/experiment/'; then
  problem "the policies jar contains the experiment runner"
fi

# --- reproducibility: a second clean build must give byte-identical jars and SBOMs ---
mkdir "$work/first"
for m in stm-core stm-collections contention-managers; do
  for f in "$m/target/$m-$version.jar" "$m/target/$m-$version-sources.jar" "$m/target/$m-$version-javadoc.jar"; do
    cp "$f" "$work/first/"
  done
  cp "$m/target/bom.json" "$work/first/$m-bom.json"
  cp "$m/target/bom.xml" "$work/first/$m-bom.xml"
done
mvn -B -q clean package -Prelease -DskipTests -Dgpg.skip -pl stm-core,stm-collections,contention-managers "$@"
same=0
for f in "$work"/first/*; do
  name="$(basename "$f")"
  case "$name" in
    *-bom.json|*-bom.xml) m="${name%-bom.*}"; second="$m/target/bom.${name##*.}" ;;
    *) m="${name%-"$version"*}"; second="$m/target/$name" ;;
  esac
  if cmp -s "$f" "$second"; then same=$((same + 1)); else problem "not reproducible: $name ($(sha256sum < "$f" | cut -c1-12) vs $(sha256sum < "$second" | cut -c1-12))"; fi
done
echo "== reproducible: $same files byte-identical across two clean builds"

if [ "$fail" -ne 0 ]; then echo "== release check FAILED"; exit 1; fi
echo "== release check passed"
