package io.jwtguard.runtime.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.runtime.annotation.MaxTokenAge;
import io.jwtguard.runtime.annotation.RequiredClaim;
import io.jwtguard.runtime.annotation.RequiredScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How security annotations are resolved: method first, then overridden methods, then the
 * declaring class and the types of overridden methods, then the resource class; JWT Guard's own
 * annotations add up. Each shape that failed open before (base classes, generic bases,
 * interfaces, overrides) has its case; conflicts on one element are refused.
 */
class ResourceRequirementsTest {
    @RolesAllowed("admin")
    abstract static class AdminBase {
        @GET
        public String fromBase() {
            return "";
        }
    }

    @Path("inherited")
    static class Inherited extends AdminBase {
        @GET
        @Path("own")
        public String own() {
            return "";
        }
    }

    @DenyAll
    @RequiredScope("write")
    @MaxTokenAge(60)
    @RequiredClaim(name = "tenant", value = "acme")
    abstract static class LockedBase {
        @GET
        public String fromBase() {
            return "";
        }
    }

    @Path("locked")
    @RequiredScope("read")
    @MaxTokenAge(120)
    static class Locked extends LockedBase {
    }

    @RolesAllowed("admin")
    abstract static class GenericBase<T> {
        @GET
        public abstract T item();

        @GET
        @Path("{id}")
        public String find(@PathParam("id") T id) {
            return "";
        }
    }

    @Path("generic")
    static class Generic extends GenericBase<String> {
        @Override
        public String item() {
            return "";
        }

        @Override
        public String find(String id) {
            return "";
        }

        /** An overload, not an override: the base's annotations must not leak into it. */
        @GET
        @Path("n/{n}")
        @PermitAll
        public String find(Integer n) {
            return "";
        }
    }

    @RolesAllowed("admin")
    interface Api {
        @GET
        String classLevel();

        @GET
        @RolesAllowed("user")
        String methodLevel();
    }

    @Path("api")
    static class ApiImpl implements Api {
        @Override
        public String classLevel() {
            return "";
        }

        @Override
        public String methodLevel() {
            return "";
        }
    }

    abstract static class UserBase {
        @GET
        @RolesAllowed("user")
        public String kept() {
            return "";
        }

        @GET
        @RolesAllowed("user")
        public String narrowed() {
            return "";
        }
    }

    @Path("override")
    @PermitAll
    static class Overriding extends UserBase {
        @Override
        public String kept() {
            return "";
        }

        @Override
        @RolesAllowed("admin")
        public String narrowed() {
            return "";
        }

        @GET
        @Path("own")
        public String own() {
            return "";
        }
    }

    abstract static class OpenBase {
        @GET
        public String fromBase() {
            return "";
        }
    }

    @Path("subclass")
    @RolesAllowed("admin")
    static class SubclassRoles extends OpenBase {
    }

    @Path("conflicts")
    static class Conflicts {
        @GET
        @PermitAll
        @RolesAllowed("admin")
        public String permitAndRoles() {
            return "";
        }

        @GET
        @DenyAll
        @PermitAll
        public String denyAndPermit() {
            return "";
        }

        @GET
        @DenyAll
        @RolesAllowed("admin")
        public String denyAndRoles() {
            return "";
        }
    }

    @RolesAllowed("admin")
    @PermitAll
    abstract static class ConflictingBase {
        @GET
        public String fromBase() {
            return "";
        }
    }

    @Path("conflicting-base")
    static class ConflictingSub extends ConflictingBase {
    }

    @Test
    void ofWhenClassAnnotationOnAbstractBaseThenItsMethodsAreRestricted() throws Exception {
        // the review's HIGH finding: this resolved to "no requirement" (public)
        ResourceRequirements requirements = ResourceRequirements.of(Inherited.class, method(AdminBase.class, "fromBase"));
        assertThat(requirements.roleRestricted()).isTrue();
        assertThat(requirements.rolesAllowed()).containsExactly("admin");
        assertThat(requirements.authenticationRequired()).isTrue();
    }

    @Test
    void ofWhenRuntimeReportsTheSubclassMethodObjectThenSameAnswer() throws Exception {
        Method viaSubclass = Inherited.class.getMethod("fromBase");
        assertThat(ResourceRequirements.of(Inherited.class, viaSubclass).rolesAllowed()).containsExactly("admin");
    }

    @Test
    void ofWhenMethodDeclaredByTheSubclassThenBaseClassAnnotationDoesNotApply() throws Exception {
        assertThat(ResourceRequirements.of(Inherited.class, method(Inherited.class, "own"))).isEqualTo(
                ResourceRequirements.NONE);
    }

    @Test
    void ofWhenDenyAllAndOwnAnnotationsOnBaseThenDeniedAndOwnAnnotationsAddUp() throws Exception {
        ResourceRequirements requirements = ResourceRequirements.of(Locked.class, method(LockedBase.class, "fromBase"));
        assertThat(requirements.denyAll()).isTrue();
        assertThat(requirements.scopes()).containsExactlyInAnyOrder("read", "write");
        assertThat(requirements.maxTokenAge()).contains(Duration.ofSeconds(60));
        assertThat(requirements.claims()).isEqualTo(Map.of("tenant", Set.of("acme")));
    }

    @Test
    void ofWhenGenericBaseThenImplementedAndBridgeMethodsAreRestricted() throws Exception {
        assertThat(ResourceRequirements.of(Generic.class, method(Generic.class, "item")).rolesAllowed())
                .containsExactly("admin");
        for (Method m : Generic.class.getDeclaredMethods()) {
            if (m.isBridge()) {
                assertThat(ResourceRequirements.of(Generic.class, m).rolesAllowed()).as(m.toString())
                        .containsExactly("admin");
            }
        }
        assertThat(ResourceRequirements.of(Generic.class, Generic.class.getMethod("find", String.class))
                .rolesAllowed()).containsExactly("admin");
        assertThat(ResourceRequirements.of(Generic.class, GenericBase.class.getMethod("find", Object.class))
                .rolesAllowed()).containsExactly("admin");
    }

    @Test
    void ofWhenOverloadNotOverrideThenBaseAnnotationsDoNotApply() throws Exception {
        ResourceRequirements overload = ResourceRequirements.of(Generic.class,
                Generic.class.getMethod("find", Integer.class));
        assertThat(overload.roleRestricted()).isFalse();
        assertThat(overload.any()).isFalse();
    }

    @Test
    void ofWhenInterfaceDeclaresTheMethodThenInterfaceAnnotationsApply() throws Exception {
        assertThat(ResourceRequirements.of(ApiImpl.class, method(ApiImpl.class, "classLevel")).rolesAllowed())
                .containsExactly("admin");
        assertThat(ResourceRequirements.of(ApiImpl.class, method(Api.class, "classLevel")).rolesAllowed())
                .containsExactly("admin");
        assertThat(ResourceRequirements.of(ApiImpl.class, method(ApiImpl.class, "methodLevel")).rolesAllowed())
                .containsExactly("user");
    }

    @Test
    void ofWhenOverrideWithoutAnnotationThenOverriddenMethodsAnnotationApplies() throws Exception {
        // the overriding class's @PermitAll does not open a method whose base requires a role
        assertThat(ResourceRequirements.of(Overriding.class, method(Overriding.class, "kept")).rolesAllowed())
                .containsExactly("user");
        assertThat(ResourceRequirements.of(Overriding.class, method(Overriding.class, "narrowed")).rolesAllowed())
                .containsExactly("admin");
        assertThat(ResourceRequirements.of(Overriding.class, method(Overriding.class, "own")).roleRestricted())
                .isFalse();
    }

    @Test
    void ofWhenResourceClassAnnotatedAndMethodInheritedUnannotatedThenResourceClassAnnotationApplies()
            throws Exception {
        assertThat(ResourceRequirements.of(SubclassRoles.class, method(OpenBase.class, "fromBase")).rolesAllowed())
                .containsExactly("admin");
    }

    @Test
    void ofWhenConflictingAnnotationsOnOneMethodThenRefusedNamingClassAndMethod() {
        for (String name : List.of("permitAndRoles", "denyAndPermit", "denyAndRoles")) {
            assertThatThrownBy(() -> ResourceRequirements.of(Conflicts.class, method(Conflicts.class, name)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Conflicting security annotations")
                    .hasMessageContaining(Conflicts.class.getName() + "#" + name + "()");
        }
    }

    @Test
    void ofWhenConflictingAnnotationsOnABaseClassThenRefusedNamingBothClassAndMethod() {
        assertThatThrownBy(() -> ResourceRequirements.of(ConflictingSub.class, method(ConflictingBase.class, "fromBase")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class " + ConflictingBase.class.getName())
                .hasMessageContaining("fromBase()");
    }

    @Test
    void denyAllConstantDeniesEveryone() {
        assertThat(AccessDecision.decide(Optional.empty(), ResourceRequirements.DENY_ALL,
                java.time.Clock.systemUTC()).kind()).isEqualTo(AccessDecision.Kind.DENIED);
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getDeclaredMethod(name);
    }
}
