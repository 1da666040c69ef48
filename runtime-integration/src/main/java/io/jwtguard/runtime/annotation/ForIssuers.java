package io.jwtguard.runtime.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits a CDI claim-rule bean ({@link io.jwtguard.core.verify.ClaimRule}) to the tokens of some
 * issuers. Without it a rule bean checks every issuer's tokens.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @ForIssuers("partner")              // jwtguard.issuers.partner.*
 * public class PartnerAzpRule implements ClaimRule {
 *     public void check(JsonObject claims, Instant now) {
 *         if (!"partner-ui".equals(claims.getString("azp", null))) {
 *             throw ClaimRule.failure("partner-azp", "azp is not partner-ui");
 *         }
 *     }
 * }
 * }</pre>
 *
 * A name that no issuer has fails deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ForIssuers {
    /** The name of the issuer that {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.publickey*} configure. */
    String PRIMARY = "mp.jwt";

    /**
     * @return issuer names: those listed in {@code jwtguard.issuers}, or {@link #PRIMARY}
     */
    String[] value();
}
