package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.config.TokenTransport;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Undeployment closes what the application's guard owns. */
class GuardCloseTest {
    /** A key source that counts how often it was closed. */
    private static final class RecordingSource implements KeySource {
        final AtomicInteger closed = new AtomicInteger();
        private final List<VerificationKey> keys = List.of(VerificationKey.ofPublicKey("k1",
                TestTokens.TRUSTED.getPublic()));

        @Override
        public List<VerificationKey> keys() {
            return keys;
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public Optional<List<VerificationKey>> fixedKeys() {
            return Optional.of(keys);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void closeClosesTheKeySourcesOfTheConfiguration() {
        RecordingSource source = new RecordingSource();
        VerifierConfig config = VerifierConfig.builder().keySource(source).issuer(TestTokens.ISSUER)
                .audiences(java.util.Set.of(TestTokens.AUDIENCE)).build();
        JwtGuard guard = JwtGuard.create(new LoadedConfiguration(config, TokenTransport.DEFAULT),
                RuntimeSettings.load(name -> Optional.empty()));
        guard.close();
        assertThat(source.closed).hasValue(1);
    }

    @Test
    void releaseForgetsTheApplicationAndClosesItsGuard() {
        ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
        };
        Map<String, String> properties = Map.of("mp.jwt.verify.publickey", TestTokens.trustedPublicKey(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER, "mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        JwtGuard guard = JwtGuards.obtain(application, () -> name -> Optional.ofNullable(properties.get(name)));
        AtomicInteger told = new AtomicInteger();
        guard.addListener(event -> told.incrementAndGet());
        JwtGuards.release(application);
        assertThat(JwtGuards.find(application)).isEmpty();
        guard.authenticator().report(io.jwtguard.runtime.http.RequestRefusal.MISSING_ROLE, null);
        assertThat(told).hasValue(0); // closed: its listeners are gone
    }
}
