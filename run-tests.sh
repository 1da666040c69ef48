#!/usr/bin/env bash
# Runs every test: the whole reactor (core, runtime, the MP-JWT TCK, the hostile-token suite and the
# authorization table in the embedded container, the example's Arquillian and browser tests on Open
# Liberty), then the server matrix: the MP-JWT TCK base suite and the authorization table on Open
# Liberty (plus 20 redeployments), on WildFly with its MicroProfile JWT subsystem on and removed, on
# Apache TomEE, and the servlet-only mode on Apache Tomcat 10.1 configured by environment variables plus 20
# redeployments (tck-tests/README.md, sections 1b to 1g). Extra arguments go to the first Maven command.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B install "$@"
mvn -B verify -pl tck-tests -Pliberty-tck
mvn -B verify -pl tck-tests -Pwildfly-tck
mvn -B verify -pl tck-tests -Pwildfly-tck -Dwildfly.jwt-subsystem=off
# TomEE: @Inject Principal is TomEE's own caller wrapper there, not the JsonWebToken (section 1f)
mvn -B verify -pl tck-tests -Ptomee-tck \
  -Dtck.known-gaps=org.eclipse.microprofile.jwt.tck.container.jaxrs.PrincipalInjectionTest#verifyInjectedPrincipal
# Tomcat: no CDI, no JAX-RS, no MP Config; the tests start Tomcat themselves (section 1g, about 1 minute)
mvn -B verify -pl tck-tests -Ptomcat-servlet
