package io.jwtguard.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.ServletFakes;
import io.jwtguard.runtime.testing.ServletFakes.RecordingResponse;
import io.jwtguard.runtime.testing.TestTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta Security mechanism's decisions, without a container: WildFly (Elytron) is not run
 * by the tests, so its two failures are reproduced here: a container that refuses
 * {@code notifyContainerAboutLogin}, and a container that writes the response itself after a
 * {@code SEND_FAILURE} (which fails when the mechanism has committed it already).
 */
class BearerMechanismTest {
    private static final JwtGuard GUARD = guard(Map.of());

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(BearerMechanism.class.getName());

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @Test
    void validateWhenTokenForgedOnProtectedResourceThenChallengeSetAndResponseLeftUncommitted() {
        String forged = TestTokens.token().signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, bearer("/api/orders", forged), response.response(),
                true, true, new RecordingContainer());

        assertThat(status).isEqualTo("SEND_FAILURE");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"orders\", "
                + "error=\"invalid_token\", error_description=\"The token signature is invalid\"");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.committed()).as("committed when the mechanism returns").isFalse();
        assertThat(response.calls()).doesNotContain("flushBuffer", "getOutputStream", "getWriter", "sendError");
    }

    @Test
    void validateWhenNoTokenOnProtectedResourceThenChallengeWithoutErrorAndResponseLeftUncommitted() {
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, ServletFakes.request("/api/orders", Map.of()),
                response.response(), true, true, new RecordingContainer());

        assertThat(status).isEqualTo("SEND_FAILURE");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"orders\"");
        assertThat(response.committed()).isFalse();
    }

    @Test
    void validateWhenValidTokenThenContainerLogin() {
        RecordingContainer container = new RecordingContainer();
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, bearer("/api/orders", TestTokens.withGroups("user")),
                response.response(), false, true, container);

        assertThat(status).isEqualTo("SUCCESS");
        assertThat(container.logins).containsExactly("jdoe@example.com");
        assertThat(response.calls()).isEmpty();
    }

    @Test
    void validateWhenAutoAndNothingObservesTheCallerThenNoContainerLoginOnUnprotectedRequests() {
        RecordingContainer container = new RecordingContainer();
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, bearer("/api/orders", TestTokens.withGroups("user")),
                response.response(), false, false, container);

        assertThat(status).isEqualTo("NOT_DONE");
        assertThat(container.logins).isEmpty();
        assertThat(response.calls()).isEmpty();
    }

    @Test
    void validateWhenAutoAndNothingObservesTheCallerThenContainerLoginWhereTheContainerProtects() {
        RecordingContainer container = new RecordingContainer();

        String status = new BearerMechanism().validate(GUARD, bearer("/api/orders", TestTokens.withGroups("user")),
                new RecordingResponse().response(), true, false, container);

        assertThat(status).isEqualTo("SUCCESS");
        assertThat(container.logins).containsExactly("jdoe@example.com");
    }

    @Test
    void validateWhenAlwaysThenContainerLoginEvenIfNothingObservesTheCaller() {
        JwtGuard always = guard(Map.of("jwtguard.security-mechanism.container-login", "always"));
        RecordingContainer container = new RecordingContainer();

        String status = new BearerMechanism().validate(always, bearer("/api/orders", TestTokens.withGroups("user")),
                new RecordingResponse().response(), false, false, container);

        assertThat(status).isEqualTo("SUCCESS");
        assertThat(container.logins).containsExactly("jdoe@example.com");
    }

    @Test
    void validateWhenAutoAndForgedTokenThenStillRefusedWhereTheContainerProtects() {
        String forged = TestTokens.token().signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        RecordingContainer container = new RecordingContainer();
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, bearer("/api/orders", forged), response.response(),
                true, false, container);

        assertThat(status).isEqualTo("SEND_FAILURE");
        assertThat(response.status()).isEqualTo(401);
        assertThat(container.logins).isEmpty();
    }

    @Test
    void validateWhenContainerRefusesLoginThenRequestProceedsWithoutContainerLoginWarnedOnce() {
        BearerMechanism mechanism = new BearerMechanism();
        RecordingContainer refusing = new RecordingContainer();
        refusing.refuse = true;

        String first = mechanism.validate(GUARD, bearer("/api/orders", TestTokens.withGroups("user")),
                new RecordingResponse().response(), false, true, refusing);
        String second = mechanism.validate(GUARD, bearer("/api/orders", TestTokens.withGroups("admin")),
                new RecordingResponse().response(), false, true, refusing);

        assertThat(first).isEqualTo("NOT_DONE");
        assertThat(second).isEqualTo("NOT_DONE");
        assertThat(refusing.logins).as("asked once, then no more").hasSize(1);
        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage()).contains("ELY01177").doesNotContain("eyJ");
    }

    @Test
    void validateWhenForgedTokenOnResourceTheFilterCoversThenLeftToTheFilter() {
        String forged = TestTokens.token().signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        HttpServletRequest request = bearer("/api/orders", forged);
        io.jwtguard.runtime.servlet.JwtGuardFilter.recordCoverage(request.getServletContext(),
                io.jwtguard.runtime.http.UrlPatterns.parse("test", List.of("/api/*")));
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, request, response.response(), false, true,
                new RecordingContainer());

        assertThat(status).isEqualTo("NOT_DONE");
        assertThat(response.calls()).isEmpty();
        assertThat(response.header("WWW-Authenticate")).isNull();
    }

    @Test
    void validateWhenForgedTokenOnResourceNoFilterCoversThenRefusedByTheMechanism() {
        String forged = TestTokens.token().signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        HttpServletRequest request = bearer("/other", forged);
        io.jwtguard.runtime.servlet.JwtGuardFilter.recordCoverage(request.getServletContext(),
                io.jwtguard.runtime.http.UrlPatterns.parse("test", List.of("/api/*")));
        RecordingResponse response = new RecordingResponse();

        String status = new BearerMechanism().validate(GUARD, request, response.response(), false, true,
                new RecordingContainer());

        assertThat(status).isEqualTo("SEND_FAILURE");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.committed()).isFalse();
    }

    private static HttpServletRequest bearer(String path, String token) {
        return ServletFakes.request(path, Map.of("Authorization", "Bearer " + token));
    }

    static JwtGuard guard(Map<String, String> extra) {
        Map<String, String> config = Deployments.baseConfig();
        config.putAll(extra);
        return JwtGuard.create(name -> Optional.ofNullable(config.get(name)));
    }

    /** Answers with the names of Jakarta Security's statuses; optionally refuses logins as Elytron does. */
    static final class RecordingContainer implements BearerMechanism.Container<String> {
        final List<String> logins = new ArrayList<>();
        boolean refuse;

        @Override
        public String doNothing() {
            return "NOT_DONE";
        }

        @Override
        public String login(VerifiedToken token) {
            logins.add(token.getName());
            if (refuse) {
                throw new IllegalStateException("ELY01177: Authorization failed");
            }
            return "SUCCESS";
        }

        @Override
        public String failure() {
            return "SEND_FAILURE";
        }
    }
}
