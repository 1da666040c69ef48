package io.jwtguard.runtime.cdi;

import java.util.Map;

/**
 * A server's own MicroProfile JWT implementation, found at deployment by the beans its CDI
 * extension adds ({@code JsonWebToken}, {@code @Claim} values, an
 * {@code HttpAuthenticationMechanism}). Immutable.
 *
 * @param server the server, as an operator knows it (for example "Payara")
 * @param source the class that contributed the bean: the competing CDI extension, or the
 *     bean class when the bean was discovered rather than added
 * @param mechanism whether it also contributes an {@code HttpAuthenticationMechanism}, i.e.
 *     would verify bearer tokens itself if the container called it
 */
record CompetingImplementation(String server, String source, boolean mechanism) {
    /** Known MP-JWT CDI extensions (and bean packages) by class-name prefix; docs/servers.md says what each does. */
    private static final Map<String, String> KNOWN = Map.of(
            "fish.payara.", "Payara",
            "org.apache.tomee.", "TomEE",
            "io.smallrye.jwt.", "SmallRye JWT (WildFly, Quarkus)",
            "com.ibm.ws.", "Open Liberty (mpJwt feature)",
            "io.openliberty.", "Open Liberty (mpJwt feature)",
            "org.wildfly.", "WildFly");

    /**
     * @param source the class name of the competing extension or bean class
     * @param mechanism whether the bean is an {@code HttpAuthenticationMechanism}
     * @return the competitor, its server named when the class is known
     */
    static CompetingImplementation of(String source, boolean mechanism) {
        String server = KNOWN.entrySet().stream().filter(e -> source.startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("another MicroProfile JWT implementation");
        return new CompetingImplementation(server, source, mechanism);
    }
}
