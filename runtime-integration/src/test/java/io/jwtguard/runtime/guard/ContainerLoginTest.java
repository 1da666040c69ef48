package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.config.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerLoginTest {

    @Test
    void defaultIsAutoWhichReportsTheCallerWhereTheContainerProtectsOrSomethingObservesIt() {
        RuntimeSettings settings = RuntimeSettings.load(name -> Optional.empty());

        assertThat(settings.containerLogin()).isEqualTo(ContainerLogin.AUTO);
        assertThat(settings.containerLogin().appliesTo(true, false)).isTrue();
        assertThat(settings.containerLogin().appliesTo(false, true)).isTrue();
        assertThat(settings.containerLogin().appliesTo(false, false)).isFalse();
    }

    @Test
    void alwaysReportsTheCallerEverywhere() {
        RuntimeSettings settings = RuntimeSettings.load(name -> Optional.ofNullable(
                Map.of(RuntimeProperties.CONTAINER_LOGIN, "ALWAYS").get(name)));

        assertThat(settings.containerLogin()).isEqualTo(ContainerLogin.ALWAYS);
        assertThat(settings.containerLogin().appliesTo(false, false)).isTrue();
    }

    @Test
    void protectedReportsTheCallerOnlyWhereTheContainerProtects() {
        RuntimeSettings settings = RuntimeSettings.load(name -> Optional.ofNullable(
                Map.of(RuntimeProperties.CONTAINER_LOGIN, " Protected ").get(name)));

        assertThat(settings.containerLogin()).isEqualTo(ContainerLogin.PROTECTED);
        assertThat(settings.containerLogin().appliesTo(true, false)).isTrue();
        assertThat(settings.containerLogin().appliesTo(false, true)).isFalse();
    }

    @Test
    void anUnknownValueFailsNamingTheProperty() {
        assertThatThrownBy(() -> RuntimeSettings.load(name -> Optional.ofNullable(
                Map.of(RuntimeProperties.CONTAINER_LOGIN, "sometimes").get(name))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.property()).isEqualTo(RuntimeProperties.CONTAINER_LOGIN);
                    assertThat(e.getMessage()).contains("'sometimes' is not auto, protected or always");
                });
    }
}
