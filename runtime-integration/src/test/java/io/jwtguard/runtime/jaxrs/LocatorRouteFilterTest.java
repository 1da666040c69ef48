package io.jwtguard.runtime.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.guard.JwtGuards;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The global locator-route filter stays out where JWT Guard's per-method filters ran or no locator
 * was involved, and denies a locator route whose resource method the runtime does not name.
 */
class LocatorRouteFilterTest {
    private final ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
    };
    private ClassLoader previous;

    @BeforeEach
    void enterApplication() {
        previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(application);
    }

    @AfterEach
    void leaveApplication() {
        Thread.currentThread().setContextClassLoader(previous);
        JwtGuards.release(application);
    }

    /** A request that matched {@code matched} resources; records what it was aborted with. */
    private static ContainerRequestContext request(int matched, Map<String, Object> properties,
            AtomicReference<Response> aborted) {
        UriInfo uriInfo = (UriInfo) Proxy.newProxyInstance(LocatorRouteFilterTest.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMatchedResources" -> java.util.Collections.nCopies(matched, new Object());
                    case "getMatchedURIs" -> java.util.Collections.nCopies(matched, "x");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ContainerRequestContext) Proxy.newProxyInstance(LocatorRouteFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUriInfo" -> uriInfo;
                    case "getProperty" -> properties.get((String) args[0]);
                    case "abortWith" -> {
                        aborted.set((Response) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void filterWhenTheRuntimeNamesNoResourceMethodOnALocatorRouteThenDenied() {
        JwtGuards.markActive(application);
        AtomicReference<Response> aborted = new AtomicReference<>();
        new LocatorRouteFilter().filter(request(2, new HashMap<>(), aborted)); // no ResourceInfo injected
        assertThat(aborted.get()).isNotNull();
        assertThat(aborted.get().getStatus()).isEqualTo(403);
    }

    @Test
    void filterWhenPerMethodFiltersRanOrNoLocatorOrNotOurApplicationThenNothing() {
        JwtGuards.markActive(application);
        AtomicReference<Response> aborted = new AtomicReference<>();
        new LocatorRouteFilter().filter(request(2, Map.of(AuthorizationFilter.DONE, Boolean.TRUE), aborted));
        new LocatorRouteFilter().filter(request(1, new HashMap<>(), aborted));
        assertThat(aborted.get()).isNull();

        JwtGuards.release(application); // an application that does not use JWT Guard
        new LocatorRouteFilter().filter(request(2, new HashMap<>(), aborted));
        assertThat(aborted.get()).isNull();
    }
}
