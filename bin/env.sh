# Sourced by the scripts in bin/: finds JDK 25, Maven and Node.js, or says exactly what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

die() { echo "error: $*" >&2; exit 1; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# The functions target the Lambda java25 runtime; the build needs a JDK 25 or newer.
pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local major; major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  done
  die "JDK 25 not found. Install a JDK 25 (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to one."
}

pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null || die "Maven (mvn) not found. Install Apache Maven 3.8+ (Debian: apt-get install maven)."
command -v node >/dev/null || die "Node.js not found; the local DynamoDB (dynalite) runs on it. Install Node.js 18+ (Debian: apt-get install nodejs npm)."
command -v npm >/dev/null || die "npm not found. Install npm (Debian: apt-get install npm)."

MVN=(mvn -B -ntp)
# Maven 3.8's own JVM (Guava) warns about sun.misc.Unsafe on JDK 24+.
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

# The build bin/start and bin/invoke need: the functions' jars and the local stack (local -am), without tests.
# Skipped when no input of it (a POM, a module's src/main, openapi.yaml, local's npm files) is newer than the
# stamp the last successful build left; only the changed functions when nothing else changed.
STACK_STAMP="$ROOT/local/target/stack-build.stamp"
stack_inputs_newer_than() {
  find "$ROOT" \( -name node_modules -o -name target -o -name .git -o -name .data -o -path "$ROOT/bench" \
    -o -path "$ROOT/system-tests" \) -prune -o -type f \
    \( -name pom.xml -o -path '*/src/main/*' -o -name openapi.yaml -o -path "$ROOT/local/package*.json" \
    -o -path "$ROOT/local/dynalite/package*.json" -o -path "$ROOT/local/dynalite/dynalite-server.js" \) -newer "$1" -print
}
# The Maven projects to build for these changed files: only the functions when nothing but a function's own sources
# changed (their jars are all the stack reads of them; the others' jars stay as they are), else the whole stack.
projects_for() {
  local file modules=()
  for file in "$@"; do
    case "${file#"$ROOT/"}" in
      functions/*/src/main/*) file="${file#"$ROOT/"}"; modules+=("functions/$(echo "$file" | cut -d/ -f2)") ;;
      *) echo local; return ;;
    esac
  done
  printf '%s\n' "${modules[@]}" | sort -u | paste -sd, -
}
build_stack() {
  local stale=() projects=local npm_skip=()
  if [ -f "$STACK_STAMP" ] && [ -f "$ROOT/local/target/classpath.txt" ]; then
    mapfile -t stale < <(stack_inputs_newer_than "$STACK_STAMP")
    [ "${#stale[@]}" = 0 ] && return 0
    projects="$(projects_for "${stale[@]}")"
    echo "Building $projects (changed: ${stale[0]#"$ROOT/"}$([ "${#stale[@]}" -gt 1 ] && echo " and $((${#stale[@]} - 1)) more"))..." >&2
  else
    echo "Building (the first run downloads dependencies for a few minutes)..." >&2
  fi
  [ "$ROOT/local/node_modules/.package-lock.json" -nt "$ROOT/local/package-lock.json" ] \
    && [ "$ROOT/local/dynalite/node_modules/.package-lock.json" -nt "$ROOT/local/dynalite/package-lock.json" ] \
    && npm_skip=(-DskipNpm)
  local started; started="$(date +%s)"
  mkdir -p "$ROOT/local/target" && touch "$STACK_STAMP.next"
  # Maven's output only when the build fails: a compile error, a missing dependency.
  if ! "${MVN[@]}" -q "${npm_skip[@]}" -pl "$projects" -am -DskipTests package >"$STACK_STAMP.log" 2>&1; then
    sed -e 's/\x1b\[[0-9;]*m//g' "$STACK_STAMP.log" >&2
    die "the build failed (output above, also in ${STACK_STAMP#"$ROOT/"}.log)"
  fi
  # Stamped with the build's start time: a file saved during the build is newer, so the next start builds it.
  mv "$STACK_STAMP.next" "$STACK_STAMP"
  echo "Built in $(($(date +%s) - started)) s." >&2
}
