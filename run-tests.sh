#!/usr/bin/env bash
# Runs every test: the whole reactor (core, runtime, the MP-JWT TCK, the hostile-token suite and the
# authorization table in the embedded container, the example's Arquillian and browser tests on Open
# Liberty), then the server matrix: the MP-JWT TCK base suite and the authorization table on Open
# Liberty (plus 20 redeployments, and the MicroProfile Health checks through a key outage on a second
# Liberty server with mpHealth-4.0), on Payara Micro (on a JDK 21+), on WildFly with its MicroProfile
# JWT subsystem on and removed, on Apache TomEE, and the servlet-only mode on Apache Tomcat 10.1
# configured by environment variables plus 20 redeployments, and a real Keycloak as the identity
# provider of that servlet-only app, configured only by OpenID Connect discovery (tck-tests/README.md,
# sections 1b to 1i).
# A native signature provider (Amazon Corretto Crypto Provider) is present where JWT Guard runs in
# tests: core runs the JDK-versus-native differential test and the hostile-token suite a second time
# with it; the embedded TCK and hostile HTTP suite have it on the class path; the Open Liberty servers
# have it in their global shared library and RedeployLeakTest checks that it is chosen (README,
# "Native crypto providers").
# Extra arguments go to the first Maven command.
set -euo pipefail
cd "$(dirname "$0")"

# the chart script that draws the benchmark and reliability figures of docs/ (Python 3, no dependencies)
python3 -m unittest discover -s benchmarks/charts

# Payara Micro 7 and Keycloak 26 need Java 21+, while the build runs on Java 17: the first JDK 21+
# among $PAYARA_JAVA_HOME (the name kept for existing set-ups), $JDK21_HOME and /usr/lib/jvm/* runs
# Payara and Keycloak.
jdk21_home() {
  local home version
  for home in "${PAYARA_JAVA_HOME:-}" "${JDK21_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}
if ! jdk21=$(jdk21_home); then
  echo "run-tests.sh: Payara Micro 7 and Keycloak 26 need a JDK 21 or newer, and none was found in /usr/lib/jvm." >&2
  echo "Set JDK21_HOME (or PAYARA_JAVA_HOME) to the folder of a JDK 21+ (this machine kind keeps Temurin 25 in /usr/lib/jvm)." >&2
  exit 1
fi
mvn -B install "$@"
mvn -B verify -pl tck-tests -Pliberty-tck
mvn -B verify -pl tck-tests -Ppayara-tck -Dpayara.java.home="$jdk21"
mvn -B verify -pl tck-tests -Pwildfly-tck
mvn -B verify -pl tck-tests -Pwildfly-tck -Dwildfly.jwt-subsystem=off
mvn -B verify -pl tck-tests -Ptomee-tck
# Tomcat: no CDI, no JAX-RS, no MP Config; the tests start Tomcat themselves (section 1g, about 1 minute)
mvn -B verify -pl tck-tests -Ptomcat-servlet
# Keycloak: a real identity provider for the servlet-only app on Tomcat, keys by discovery only; the test
# starts Keycloak (kc.sh start-dev on the JDK 21+) and Tomcat itself (section 1h, 1 to 2.5 minutes)
mvn -B verify -pl tck-tests -Pkeycloak -Dkeycloak.java.home="$jdk21"
