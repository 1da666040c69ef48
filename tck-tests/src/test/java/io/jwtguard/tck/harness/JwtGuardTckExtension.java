package io.jwtguard.tck.harness;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the TCK harness with Arquillian (found through
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}).
 */
public final class JwtGuardTckExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, TckArchiveProcessor.class);
    }
}
