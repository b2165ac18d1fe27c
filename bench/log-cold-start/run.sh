#!/usr/bin/env bash
# Cold-start cost of the one structured log line per request: our helper (RequestLogLine, Jackson streaming)
# against Log4j 2 with its JSON template layout (what Powertools' logging builds on). Fresh JVMs with C1 only,
# as the functions run, interleaved; medians in ms and ratios against a baseline JVM that only warms Jackson,
# as every function does anyway; helper+emf is the same line carrying its CloudWatch EMF metrics, as the API
# functions write it, then the warm cost of each per line. Needs `mvn -B -ntp -q -pl shared/core -DskipTests package` first.
#   bench/log-cold-start/run.sh            (N=21 runs of each by default)
set -euo pipefail
cd "$(dirname "$0")"
source ../../bin/env.sh >/dev/null
cd bench/log-cold-start
LOG4J=2.26.1 JACKSON=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' ../../pom.xml)
for a in org.apache.logging.log4j:log4j-core:$LOG4J org.apache.logging.log4j:log4j-layout-template-json:$LOG4J \
         com.amazonaws:aws-lambda-java-core:1.4.0 com.fasterxml.jackson.core:jackson-databind:$JACKSON; do
  "${MVN[@]}" -q dependency:get -Dartifact="$a" >/dev/null
done
M=~/.m2/repository
jar() { find "$M/$1" -name "$2" | head -1; }
CP=../../shared/core/target/classes:$(jar com/fasterxml/jackson/core/jackson-databind "jackson-databind-$JACKSON.jar")
CP=$CP:$(jar com/fasterxml/jackson/core/jackson-core "jackson-core-$JACKSON.jar")
CP=$CP:$(find "$M/com/fasterxml/jackson/core/jackson-annotations" -name 'jackson-annotations-*.jar' | sort -V | tail -1)
CP=$CP:$(jar com/amazonaws/aws-lambda-java-core "aws-lambda-java-core-1.4.0.jar")
LCP=$(jar org/apache/logging/log4j/log4j-api "log4j-api-$LOG4J.jar"):$(jar org/apache/logging/log4j/log4j-core "log4j-core-$LOG4J.jar")
LCP=$LCP:$(jar org/apache/logging/log4j/log4j-layout-template-json "log4j-layout-template-json-$LOG4J.jar")
CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES"' EXIT
"$JAVA_HOME/bin/javac" -d "$CLASSES" -cp "$CP:$LCP" HelperLog.java Log4jLog.java
J=("$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1)
N=${N:-21}
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
base=(); helper=(); emf=(); log4j=()
for _ in $(seq "$N"); do
  base+=("$(ms "${J[@]}" -cp "$CLASSES:$CP" HelperLog)")
  helper+=("$(ms "${J[@]}" -cp "$CLASSES:$CP" HelperLog line)")
  emf+=("$(ms "${J[@]}" -cp "$CLASSES:$CP" HelperLog emf)")
  log4j+=("$(ms "${J[@]}" -cp "$CLASSES:.:$CP:$LCP" Log4jLog)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
b=$(median "${base[@]}") h=$(median "${helper[@]}") e=$(median "${emf[@]}") l=$(median "${log4j[@]}")
echo "median ms over $N fresh JVMs: jackson-only=$b helper-line=$h helper-line+emf=$e log4j2-json-template=$l"
awk -v b="$b" -v h="$h" -v e="$e" -v l="$l" \
  'BEGIN { printf "ratio vs jackson-only: helper=%.2f helper+emf=%.2f log4j2=%.2f\n", h / b, e / b, l / b }'
"${J[@]}" -cp "$CLASSES:$CP" HelperLog warm
