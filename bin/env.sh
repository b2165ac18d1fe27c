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
