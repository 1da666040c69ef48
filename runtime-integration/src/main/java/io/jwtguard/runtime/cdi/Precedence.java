package io.jwtguard.runtime.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import jakarta.enterprise.util.AnnotationLiteral;

/**
 * How JWT Guard's beans win over a server's own MicroProfile JWT beans (Payara's, TomEE's,
 * WildFly's smallrye-jwt): the extension adds each of its bean classes that a server also provides
 * ({@code JsonWebToken} and {@code RejectionCounters} producers, every {@code @Claim} form, the
 * Jakarta Security mechanism) as an <em>enabled global alternative</em> with priority
 * {@value #PRIORITY}. CDI resolution (CDI 4.0, section 2.7 and 5.2.2) then eliminates every
 * bean of the same type that is not an alternative, so {@code @Inject JsonWebToken},
 * {@code @Inject @Claim ...} and the container's lookup of the {@code HttpAuthenticationMechanism}
 * resolve to JWT Guard on every CDI 4 container, deterministically, whatever order the
 * extensions run in. An application that wants its own bean instead declares an alternative of
 * a higher priority.
 *
 * <p>Stateless.
 */
final class Precedence {
    /**
     * The priority of JWT Guard's alternatives: {@code Interceptor.Priority.LIBRARY_BEFORE},
     * the range the Jakarta Interceptors specification gives to libraries; any priority makes
     * an alternative win over plain beans, and a low one leaves room for the application.
     */
    static final int PRIORITY = 1000;

    private Precedence() {
    }

    /**
     * Makes the configured type an enabled global alternative of priority {@value #PRIORITY};
     * its producer methods become alternatives with it.
     *
     * @param type the configurator of a bean class JWT Guard adds
     * @param <T> the bean class
     */
    static <T> void asAlternative(AnnotatedTypeConfigurator<T> type) {
        type.add(Alternative.Literal.INSTANCE).add(new PriorityLiteral(PRIORITY));
    }

    /** {@code @Priority(value)}: Jakarta Annotations has no literal of its own. */
    @SuppressWarnings("all")
    private static final class PriorityLiteral extends AnnotationLiteral<Priority> implements Priority {
        private static final long serialVersionUID = 1L;
        private final int value;

        PriorityLiteral(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }
}
