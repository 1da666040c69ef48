#!/usr/bin/env bash
# Runs every test: the whole reactor (core, runtime, the MP-JWT TCK and the hostile-token suite in
# the embedded container, the example's Arquillian and browser tests on Open Liberty), then the
# MP-JWT TCK on Open Liberty. Extra arguments go to the first Maven command.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B install "$@"
mvn -B verify -pl tck-tests -Pliberty-tck
