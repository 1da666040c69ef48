package io.jwtguard.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: injects a {@link TestIssuer} and its {@link JwksServer} into test methods, constructors
 * and lifecycle methods ({@code @ExtendWith(JwtGuardExtension.class)}). One issuer and one server per
 * test class (so a {@code @BeforeAll} method and the tests see the same keys); the server is closed
 * after the class. Works with Arquillian tests (the issuer's {@link TestIssuer#mpConfig()} goes into
 * the deployment) and with plain HTTP clients.
 */
public final class JwtGuardExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JwtGuardExtension.class);

    /** Closes the server when JUnit closes the class's store. */
    private record ClosingServer(JwksServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestIssuer.class || type == JwksServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = classContext(context).getStore(NAMESPACE);
        TestIssuer issuer = store.getOrComputeIfAbsent(TestIssuer.class, k -> TestIssuer.create(), TestIssuer.class);
        if (parameter.getParameter().getType() == TestIssuer.class) {
            return issuer;
        }
        return store.getOrComputeIfAbsent(ClosingServer.class, k -> new ClosingServer(issuer.jwksServer()),
                ClosingServer.class).server();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestClass().isPresent() && current.getParent().flatMap(ExtensionContext::getTestClass).isPresent()
                && current.getTestMethod().isPresent()) {
            current = current.getParent().get();
        }
        return current.getTestMethod().isPresent() ? current.getParent().orElse(current) : current;
    }
}
