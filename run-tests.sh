#!/usr/bin/env bash
# Runs every test: the whole reactor (core, runtime, the MP-JWT TCK, the hostile-token suite and the
# authorization table in the embedded container, the example's Arquillian and browser tests on Open
# Liberty), then the server matrix: the MP-JWT TCK base suite and the authorization table on Open
# Liberty (plus 20 redeployments), on WildFly with its MicroProfile JWT subsystem on and removed, and
# on Apache TomEE (tck-tests/README.md, sections 1b to 1f). Extra arguments go to the first Maven command.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B install "$@"
mvn -B verify -pl tck-tests -Pliberty-tck
mvn -B verify -pl tck-tests -Pwildfly-tck
mvn -B verify -pl tck-tests -Pwildfly-tck -Dwildfly.jwt-subsystem=off
mvn -B verify -pl tck-tests -Ptomee-tck
