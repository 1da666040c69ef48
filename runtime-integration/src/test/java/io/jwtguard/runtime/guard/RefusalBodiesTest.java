package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.runtime.http.BearerChallenge;
import io.jwtguard.runtime.http.ProblemDetails;
import io.jwtguard.runtime.http.Refusal;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import io.jwtguard.runtime.http.ResponseBody;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RefusalBodiesTest {
    private static final Refusal EXPIRED = Refusal.of(BearerChallenge.rejected("api", RejectionReason.EXPIRED));

    @Test
    void defaultIsNoBody() {
        RefusalBodyWriter writer = RefusalBodies.choose(name -> Optional.empty());
        assertThat(writer.bodyFor(EXPIRED)).isEmpty();
    }

    @Test
    void problemIsCaseInsensitiveAndGivesProblemDetails() {
        assertThat(RefusalBodies.choose(props(Map.of(RuntimeProperties.ERROR_BODY, " Problem "))))
                .isInstanceOf(ProblemDetails.class);
    }

    @Test
    void unknownModeFailsNamingThePropertyAndTheChoices() {
        assertThatThrownBy(() -> RefusalBodies.choose(props(Map.of(RuntimeProperties.ERROR_BODY, "json"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwtguard.error-body").hasMessageContaining("none, problem, custom");
    }

    @Test
    void customWithoutWriterFailsNamingTheWriterProperty() {
        assertThatThrownBy(() -> RefusalBodies.choose(props(Map.of(RuntimeProperties.ERROR_BODY, "custom"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwtguard.error-body.writer").hasMessageContaining("RefusalBodyWriter");
    }

    @Test
    void writerWithoutCustomFailsRatherThanBeingIgnored() {
        assertThatThrownBy(() -> RefusalBodies.choose(props(Map.of(RuntimeProperties.ERROR_BODY, "problem",
                RuntimeProperties.ERROR_BODY_WRITER, Teapot.class.getName()))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwtguard.error-body=custom");
    }

    @Test
    void customWriterThatIsNotAWriterFails() {
        assertThatThrownBy(() -> RefusalBodies.choose(props(Map.of(RuntimeProperties.ERROR_BODY, "custom",
                RuntimeProperties.ERROR_BODY_WRITER, String.class.getName()))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not implement " + RefusalBodyWriter.class.getName());
    }

    @Test
    void customWriterIsInstantiated() {
        RefusalBodyWriter writer = RefusalBodies.choose(props(Map.of(RuntimeProperties.ERROR_BODY, "custom",
                RuntimeProperties.ERROR_BODY_WRITER, Teapot.class.getName())));
        assertThat(writer.bodyFor(EXPIRED)).map(ResponseBody::contentType).contains("text/plain");
    }

    @Test
    void aFailingOrNullWriterGivesNoBodyInsteadOfBreakingTheRefusal() {
        assertThat(new GuardedBodyWriter(refusal -> {
            throw new IllegalStateException("boom");
        }).bodyFor(EXPIRED)).isEmpty();
        assertThat(new GuardedBodyWriter(refusal -> null).bodyFor(EXPIRED)).isEmpty();
        assertThat(new GuardedBodyWriter(new Teapot()).bodyFor(EXPIRED)).isPresent();
    }

    private static Function<String, Optional<String>> props(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    /** A writer the tests name by class. */
    public static final class Teapot implements RefusalBodyWriter {
        @Override
        public Optional<ResponseBody> bodyFor(Refusal refusal) {
            return Optional.of(ResponseBody.of("text/plain", new byte[] {'x'}));
        }
    }
}
