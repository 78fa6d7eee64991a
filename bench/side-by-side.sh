#!/bin/sh
# The side-by-side benchmark of streaming load generators (docs/benchmarks.md, "Side by side").
# Needs 2 CPUs, taskset, and Debian's python3-aiohttp and python3-locust for the peers:
#   apt-get install python3-aiohttp python3-locust
# Arguments go to rightsize.bench.SideBySideBenchmark, e.g. --streams 1000,2000 --generators rightsize.
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/test-classpath.txt)" rightsize.bench.SideBySideBenchmark "$@"
