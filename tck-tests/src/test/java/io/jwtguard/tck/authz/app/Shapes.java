package io.jwtguard.tck.authz.app;

import io.jwtguard.runtime.annotation.MaxTokenAge;
import io.jwtguard.runtime.annotation.RequiredClaim;
import io.jwtguard.runtime.annotation.RequiredScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The resource shapes of the authorization-semantics suite: where security annotations can sit
 * (method, declaring class, abstract and generic base classes, interfaces, overriding methods,
 * sub-resource locators) and JWT Guard's own annotations in the same places. Each nested type
 * is one shape; {@code AuthorizationSemanticsTest} holds the expected answers.
 */
public final class Shapes {
    private Shapes() {
    }

    /** Annotations on the resource class itself: the baseline. */
    @Path("plain")
    @RolesAllowed("user")
    public static class Plain {
        @GET
        public String classLevel() {
            return "ok";
        }

        @GET
        @Path("admin")
        @RolesAllowed("admin")
        public String methodLevel() {
            return "ok";
        }

        @GET
        @Path("public")
        @PermitAll
        public String permitted() {
            return "ok";
        }

        @GET
        @Path("deny")
        @DenyAll
        public String denied() {
            return "ok";
        }
    }

    /** A class-level {@code @RolesAllowed} on an abstract base class that declares the methods. */
    @RolesAllowed("admin")
    public abstract static class AdminBase {
        @GET
        @Path("base")
        public String fromBase() {
            return "ok";
        }
    }

    /** Inherits {@link AdminBase}'s methods, adds an unannotated one of its own. */
    @Path("inherited")
    public static class Inherited extends AdminBase {
        @GET
        @Path("own")
        public String own() {
            return "ok";
        }
    }

    /** {@code @DenyAll} on a base class. */
    @DenyAll
    public abstract static class DeniedBase {
        @GET
        @Path("base")
        public String fromBase() {
            return "ok";
        }
    }

    /** Inherits {@link DeniedBase}. */
    @Path("inherited-deny")
    public static class InheritedDeny extends DeniedBase {
    }

    /** A generic base class: an abstract generic method and an inherited concrete one. */
    @RolesAllowed("admin")
    public abstract static class GenericBase<T> {
        @GET
        @Path("item")
        public abstract T item();

        @GET
        @Path("inherited")
        public String inherited() {
            return "ok";
        }
    }

    /** Implements {@link GenericBase#item()} without annotations (JAX-RS annotation inheritance). */
    @Path("generic")
    public static class Generic extends GenericBase<String> {
        @Override
        public String item() {
            return "ok";
        }
    }

    /** JAX-RS methods declared on an interface, security annotations on the interface. */
    @RolesAllowed("admin")
    public interface AdminApi {
        @GET
        @Path("class-level")
        String classLevel();

        @GET
        @Path("method-user")
        @RolesAllowed("user")
        String methodUser();

        @GET
        @Path("method-permit")
        @PermitAll
        String methodPermit();
    }

    /** Implements {@link AdminApi} without any annotation on its methods. */
    @Path("interface")
    public static class Interface implements AdminApi {
        @Override
        public String classLevel() {
            return "ok";
        }

        @Override
        public String methodUser() {
            return "ok";
        }

        @Override
        public String methodPermit() {
            return "ok";
        }
    }

    /** Methods that subclasses override. */
    public abstract static class UserBase {
        @GET
        @Path("narrowed")
        @RolesAllowed("user")
        public String narrowed() {
            return "base";
        }

        @GET
        @Path("kept")
        @RolesAllowed("user")
        public String kept() {
            return "base";
        }

        @GET
        @Path("redeclared")
        @RolesAllowed("user")
        public String redeclared() {
            return "base";
        }
    }

    /** Overrides: one narrows the role, one keeps the base's, one re-declares the JAX-RS annotations only. */
    @Path("override")
    public static class Overriding extends UserBase {
        @Override
        @RolesAllowed("admin")
        public String narrowed() {
            return "ok";
        }

        @Override
        public String kept() {
            return "ok";
        }

        @Override
        @GET
        @Path("redeclared")
        public String redeclared() {
            return "ok";
        }
    }

    /** A base class without annotations. */
    public abstract static class OpenBase {
        @GET
        @Path("from-base")
        public String fromBase() {
            return "ok";
        }
    }

    /** The resource class's own {@code @RolesAllowed} covers what it inherits from {@link OpenBase}. */
    @Path("subclass-roles")
    @RolesAllowed("admin")
    public static class SubclassRoles extends OpenBase {
    }

    /** Sub-resource locators with and without security annotations. */
    @Path("locator")
    public static class Locator {
        @Path("admin-sub")
        @RolesAllowed("admin")
        public PlainSub adminSub() {
            return new PlainSub();
        }

        @Path("open-sub")
        public PlainSub openSub() {
            return new PlainSub();
        }

        @Path("user-sub")
        public UserSub userSub() {
            return new UserSub();
        }

        @Path("deny-sub")
        @DenyAll
        public PlainSub denySub() {
            return new PlainSub();
        }
    }

    /** A locator whose class carries {@code @RolesAllowed}. */
    @Path("locked-locator")
    @RolesAllowed("admin")
    public static class LockedLocator {
        @Path("sub")
        public PlainSub sub() {
            return new PlainSub();
        }
    }

    /** A sub-resource without annotations. */
    public static class PlainSub {
        @GET
        public String get() {
            return "ok";
        }
    }

    /** A sub-resource with its own annotations. */
    @RolesAllowed("user")
    public static class UserSub {
        @GET
        public String get() {
            return "ok";
        }

        @GET
        @Path("admin")
        @RolesAllowed("admin")
        public String admin() {
            return "ok";
        }
    }

    /** JWT Guard's annotations on a base class. */
    @RequiredScope("orders:write")
    public abstract static class ScopedBase {
        @GET
        @Path("scope")
        public String scope() {
            return "ok";
        }
    }

    /** Inherits {@link ScopedBase}. */
    @Path("base-scope")
    public static class BaseScope extends ScopedBase {
    }

    /** {@code @MaxTokenAge} on a base class. */
    @MaxTokenAge(60)
    public abstract static class FreshBase {
        @GET
        @Path("fresh")
        public String fresh() {
            return "ok";
        }
    }

    /** Inherits {@link FreshBase}. */
    @Path("base-age")
    public static class BaseAge extends FreshBase {
    }

    /** {@code @RequiredClaim} on a base class. */
    @RequiredClaim(name = "tenant", value = "acme")
    public abstract static class TenantBase {
        @GET
        @Path("tenant")
        public String tenant() {
            return "ok";
        }
    }

    /** Inherits {@link TenantBase}. */
    @Path("base-claim")
    public static class BaseClaim extends TenantBase {
    }

    /** JWT Guard's annotation on an interface method. */
    public interface ScopedApi {
        @GET
        @Path("scope")
        @RequiredScope("orders:write")
        String scope();
    }

    /** Implements {@link ScopedApi}. */
    @Path("interface-scope")
    public static class InterfaceScope implements ScopedApi {
        @Override
        public String scope() {
            return "ok";
        }
    }
}
