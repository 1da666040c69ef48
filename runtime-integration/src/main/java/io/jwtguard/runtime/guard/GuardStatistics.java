package io.jwtguard.runtime.guard;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.OptionalLong;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The {@link GuardStatisticsMXBean} of one application, and its registration with the platform
 * MBean server. {@link #register} is called at deployment and {@link #unregister} at undeployment:
 * a registration left behind would keep the application's class loader reachable. Registration
 * problems (a second application with the same context root, a server that refuses MBeans) are
 * logged and never fail the deployment. Thread-safe.
 */
public final class GuardStatistics implements GuardStatisticsMXBean {
    /** The JMX domain of JWT Guard's MBeans. */
    public static final String DOMAIN = "io.jwtguard";
    private static final System.Logger LOG = System.getLogger(GuardStatistics.class.getName());

    private final JwtGuard guard;

    GuardStatistics(JwtGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * @param application the application's context root ({@code ""} for the root context), not null
     * @return {@code io.jwtguard:type=Guard,application=<quoted context root>}; the root context is {@code /}
     */
    public static ObjectName name(String application) {
        Objects.requireNonNull(application, "application");
        try {
            return new ObjectName(DOMAIN + ":type=Guard,application="
                    + ObjectName.quote(application.isEmpty() ? "/" : application));
        } catch (JMException e) {
            throw new IllegalArgumentException("no MBean name for application " + application, e);
        }
    }

    /**
     * Registers the statistics of {@code guard} on the platform MBean server.
     *
     * @param application the context root, not null
     * @param guard the application's guard, not null
     * @return the name registered, or empty when nothing was registered (logged)
     */
    public static java.util.Optional<ObjectName> register(String application, JwtGuard guard) {
        ObjectName name = name(application);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new GuardStatistics(guard), name);
            return java.util.Optional.of(name);
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard statistics MBean " + name
                    + " is registered already (another application with the same context root?); not registered again");
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard statistics MBean " + name + " not registered: " + e);
        }
        return java.util.Optional.empty();
    }

    /** Unregisters {@code name}; nothing happens when it is not registered. */
    public static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "JWT Guard statistics MBean " + name + " not unregistered: " + e);
        }
    }

    @Override
    public long getVerifiedTokenCacheSize() {
        return guard.cachedTokenCount();
    }

    @Override
    public long getReplayCacheEntries() {
        return orUnknown(guard.replayCacheEntries());
    }

    @Override
    public long getRevocationEntries() {
        return guard.configuration().tokenService().map(service -> orUnknown(service.revocationEntries())).orElse(-1L);
    }

    @Override
    public long getRefreshTokenEntries() {
        return guard.configuration().tokenService().map(service -> orUnknown(service.refreshTokenEntries())).orElse(-1L);
    }

    @Override
    public long getRefusals() {
        return guard.counters().snapshot().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public long getUnavailable() {
        long sum = 0;
        for (VerificationUnavailableException.Source source : VerificationUnavailableException.Source.values()) {
            sum += guard.counters().unavailableCount(source);
        }
        return sum;
    }

    private static long orUnknown(OptionalLong value) {
        return value.orElse(-1);
    }
}
