package io.jwtguard.tck.harness;

import io.jwtguard.tck.payara.SharedPayaraMicroContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the TCK harness with Arquillian (found through
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}). On Payara Micro
 * ({@code jwtguard.tck.container=payara}) it also provides the container,
 * {@link SharedPayaraMicroContainer}: one server for the whole run.
 */
public final class JwtGuardTckExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, TckArchiveProcessor.class);
        if ("payara".equals(System.getProperty(TckArchiveProcessor.CONTAINER))) {
            builder.service(DeployableContainer.class, SharedPayaraMicroContainer.class);
        }
    }
}
