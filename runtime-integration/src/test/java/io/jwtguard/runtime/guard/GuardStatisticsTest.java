package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.issue.TokenPair;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.runtime.http.AuthenticationOutcome;
import io.jwtguard.runtime.servlet.ServletRequestView;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.ServletFakes;
import io.jwtguard.runtime.testing.TestTokens;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read-only statistics MXBean: counts that follow the guard, registered per application and removed with it. */
class GuardStatisticsTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final String APPLICATION = "/statistics-test";

    private JwtGuard guard;

    @AfterEach
    void cleanUp() {
        GuardStatistics.unregister(GuardStatistics.name(APPLICATION));
        if (guard != null) {
            guard.close();
        }
    }

    private static JwtGuard guard(boolean tokenService) {
        Map<String, String> config = Deployments.baseConfig();
        if (tokenService) {
            config.put("jwtguard.token-service.enabled", "true");
            config.put("jwtguard.issue.algorithm", "ES256");
        }
        return JwtGuard.create(name -> Optional.ofNullable(config.get(name)));
    }

    private long attribute(String name) throws Exception {
        return (Long) SERVER.getAttribute(GuardStatistics.name(APPLICATION), name);
    }

    private AuthenticationOutcome send(String token) {
        return guard.authenticator().authenticate(new ServletRequestView(
                ServletFakes.request("/api/orders", Map.of("Authorization", "Bearer " + token))));
    }

    @Test
    void registerWhenTokensVerifiedAndRefusedThenCountsFollow() throws Exception {
        guard = guard(false);
        assertThat(GuardStatistics.register(APPLICATION, guard)).contains(GuardStatistics.name(APPLICATION));
        assertThat(attribute("VerifiedTokenCacheSize")).isZero();
        assertThat(attribute("Refusals")).isZero();

        send(TestTokens.token().sign());
        send(TestTokens.token().sign());
        send(TestTokens.token().signedBy(TestTokens.ATTACKER.getPrivate()).sign());

        assertThat(attribute("VerifiedTokenCacheSize")).isEqualTo(2);
        assertThat(attribute("Refusals")).isEqualTo(1);
        assertThat(attribute("Unavailable")).isZero();
        // DPoP is off: this node's replay cache exists (in memory) and holds nothing
        assertThat(attribute("ReplayCacheEntries")).isZero();
        // no token service: nothing to observe
        assertThat(attribute("RevocationEntries")).isEqualTo(-1);
        assertThat(attribute("RefreshTokenEntries")).isEqualTo(-1);
    }

    @Test
    void registerWhenTokenServiceThenRefreshAndRevocationEntriesAreCounted() throws Exception {
        guard = guard(true);
        GuardStatistics.register(APPLICATION, guard);
        TokenService service = guard.configuration().tokenService().orElseThrow();
        assertThat(attribute("RevocationEntries")).isZero();
        assertThat(attribute("RefreshTokenEntries")).isZero();

        TokenPair pair = service.issue("alice", "orders-page", Set.of(), Set.of("user"));
        service.refresh(pair.refreshToken().value(), "orders-page", Set.of());
        service.revoke(pair.accessToken().value());

        // the first refresh token stays (rotated) beside its successor, for reuse detection
        assertThat(attribute("RefreshTokenEntries")).isEqualTo(2);
        assertThat(attribute("RevocationEntries")).isEqualTo(1);
    }

    @Test
    void attributesWhenReadThenAllAreNumbersAndReadOnly() throws Exception {
        guard = guard(true);
        GuardStatistics.register(APPLICATION, guard);
        MBeanAttributeInfo[] attributes = SERVER.getMBeanInfo(GuardStatistics.name(APPLICATION)).getAttributes();

        assertThat(attributes).extracting(MBeanAttributeInfo::getName).containsExactlyInAnyOrder(
                "VerifiedTokenCacheSize", "ReplayCacheEntries", "RevocationEntries", "RefreshTokenEntries",
                "Refusals", "Unavailable");
        assertThat(Arrays.stream(attributes)).allSatisfy(a -> {
            assertThat(a.getType()).isEqualTo("long");
            assertThat(a.isWritable()).isFalse();
        });
    }

    @Test
    void unregisterWhenApplicationStopsThenTheMBeanIsGoneAndDoesNotHoldTheGuard() throws Exception {
        guard = guard(false);
        ObjectName name = GuardStatistics.register(APPLICATION, guard).orElseThrow();
        assertThat(SERVER.isRegistered(name)).isTrue();

        GuardStatistics.unregister(name);
        GuardStatistics.unregister(name); // a second time: nothing happens

        assertThat(SERVER.isRegistered(name)).isFalse();
        assertThat(SERVER.queryNames(new ObjectName(GuardStatistics.DOMAIN + ":application=" + ObjectName.quote(
                APPLICATION) + ",*"), null)).isEmpty();
    }

    @Test
    void registerWhenTheNameIsTakenThenTheFirstStaysAndNothingFails() throws Exception {
        guard = guard(false);
        GuardStatistics.register(APPLICATION, guard);
        send(TestTokens.token().sign());
        try (JwtGuard other = guard(false)) {
            assertThat(GuardStatistics.register(APPLICATION, other)).isEmpty();
        }
        assertThat(attribute("VerifiedTokenCacheSize")).isEqualTo(1);
    }

    @Test
    void nameWhenRootContextThenSlash() {
        assertThat(GuardStatistics.name("").getKeyProperty("application")).isEqualTo("\"/\"");
        assertThat(GuardStatistics.name("/orders").toString()).isEqualTo("io.jwtguard:type=Guard,application=\"/orders\"");
    }
}
