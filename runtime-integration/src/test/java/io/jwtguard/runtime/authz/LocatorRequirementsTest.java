package io.jwtguard.runtime.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which locators a request went through, from the matched resources and URIs. */
class LocatorRequirementsTest {
    @Path("root")
    public static class Root {
        @Path("admin")
        @RolesAllowed("admin")
        public Sub admin() {
            return new Sub();
        }

        @Path("open")
        public Sub open() {
            return new Sub();
        }

        @Path("items/{id}")
        @RolesAllowed("user")
        public Sub item() {
            return new Sub();
        }

        @Path("closed")
        @DenyAll
        public Sub closed() {
            return new Sub();
        }

        @GET
        public String get() {
            return "";
        }
    }

    public static class Sub {
        @GET
        public String get() {
            return "";
        }
    }

    @Path("broken")
    public static class Broken {
        @Path("sub")
        @PermitAll
        @RolesAllowed("x")
        public Sub sub() {
            return new Sub();
        }
    }

    @Test
    void alongWhenNoLocatorThenEmpty() {
        assertThat(LocatorRequirements.along(List.of(new Root()), List.of("root"))).isEmpty();
    }

    @Test
    void alongWhenLocatorWithRolesThenItsRequirement() {
        List<ResourceRequirements> gates = LocatorRequirements.along(List.of(new Sub(), new Root()),
                List.of("root/admin", "root"));
        assertThat(gates).hasSize(1);
        assertThat(gates.get(0).rolesAllowed()).containsExactly("admin");
    }

    @Test
    void alongWhenUnannotatedLocatorThenNoRequirement() {
        List<ResourceRequirements> gates = LocatorRequirements.along(List.of(new Sub(), new Root()),
                List.of("/root/open/", "/root"));
        assertThat(gates).containsExactly(ResourceRequirements.NONE);
    }

    @Test
    void alongWhenTemplateLocatorThenMatchedByTemplate() {
        List<ResourceRequirements> gates = LocatorRequirements.along(List.of(new Sub(), new Root()),
                List.of("root/items/42", "root"));
        assertThat(gates.get(0).rolesAllowed()).containsExactly("user");
        assertThat(LocatorRequirements.along(List.of(new Sub(), new Root()), List.of("root/closed", "root")).get(0)
                .denyAll()).isTrue();
    }

    @Test
    void alongWhenLocatorCannotBeIdentifiedThenDeniedFailClosed() {
        assertThat(LocatorRequirements.along(List.of(new Sub(), new Root()), List.of("root/unknown", "root")))
                .containsExactly(ResourceRequirements.DENY_ALL);
    }

    @Test
    void alongWhenRuntimeListsClassesThenSameGates() {
        // Apache CXF (TomEE) lists the matched resources' classes, not instances
        List<ResourceRequirements> gates = LocatorRequirements.along(List.of(Sub.class, Root.class),
                List.of("root/admin", "root"));
        assertThat(gates).hasSize(1);
        assertThat(gates.get(0).rolesAllowed()).containsExactly("admin");
        assertThat(LocatorRequirements.along(List.of(Sub.class, Root.class), List.of("root/closed", "root")).get(0)
                .denyAll()).isTrue();
    }

    @Test
    void validateWhenLocatorHasConflictingAnnotationsThenRefused() {
        assertThatThrownBy(() -> LocatorRequirements.validate(Broken.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Broken#sub()");
        LocatorRequirements.validate(Root.class);
    }

    @Test
    void templateWhenRegexVariableThenRegexUsed() {
        assertThat(LocatorRequirements.template("/a/{id: [0-9]+}/b").matcher("a/12/b").matches()).isTrue();
        assertThat(LocatorRequirements.template("/a/{id: [0-9]+}/b").matcher("a/x/b").matches()).isFalse();
        assertThat(LocatorRequirements.template("a/{id}").matcher("a/x/y").matches()).isFalse();
    }
}
