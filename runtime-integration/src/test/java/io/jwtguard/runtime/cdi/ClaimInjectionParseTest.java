package io.jwtguard.runtime.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.junit.jupiter.api.Test;

/** How a {@code @Claim} injection point is read, also as CDI implementations hand it to the producers. */
class ClaimInjectionParseTest {
    @Claim("raw_token")
    Instance<String> rawToken;

    @Claim("raw_token")
    StringBuilder unsupported;

    @Test
    void parseWhenInstanceLookupPointHasTheRequestedTypeThenThatType() {
        // Weld: the lookup's point has the requested type
        ClaimInjection injection = ClaimInjection.parse(point("rawToken", String.class));
        assertThat(injection.name()).isEqualTo("raw_token");
        assertThat(injection.valueType()).isEqualTo(String.class);
    }

    @Test
    void parseWhenInstanceLookupPointHasTheProducerClassAsTypeThenTheDeclaredType() {
        // OpenWebBeans (TomEE 9): getType() is the producer's bean class, the member says Instance<String>
        ClaimInjection injection = ClaimInjection.parse(point("rawToken", ClaimProducers.class));
        assertThat(injection.name()).isEqualTo("raw_token");
        assertThat(injection.valueType()).isEqualTo(String.class);
        assertThat(injection.lazy()).isTrue();
    }

    @Test
    void parseWhenDeclaredTypeUnsupportedToo() {
        assertThatThrownBy(() -> ClaimInjection.parse(point("unsupported", ClaimProducers.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a supported claim type");
    }

    private static InjectionPoint point(String fieldName, Type reportedType) {
        Field field;
        try {
            field = ClaimInjectionParseTest.class.getDeclaredField(fieldName);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        Annotated annotated = (Annotated) Proxy.newProxyInstance(ClaimInjectionParseTest.class.getClassLoader(),
                new Class<?>[] {Annotated.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseType" -> field.getGenericType();
                    case "toString" -> "annotated " + fieldName;
                    default -> null;
                });
        return (InjectionPoint) Proxy.newProxyInstance(ClaimInjectionParseTest.class.getClassLoader(),
                new Class<?>[] {InjectionPoint.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> reportedType;
                    case "getQualifiers" -> Set.of(field.getAnnotation(Claim.class));
                    case "getMember" -> field;
                    case "getAnnotated" -> annotated;
                    case "isDelegate", "isTransient" -> false;
                    case "toString" -> "point " + fieldName;
                    default -> null;
                });
    }
}
