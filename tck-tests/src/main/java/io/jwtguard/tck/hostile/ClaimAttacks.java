package io.jwtguard.tck.hostile;

import static io.jwtguard.tck.hostile.HostileCases.add;
import static io.jwtguard.tck.hostile.TokenBytes.str;

import java.util.List;

/** The claim attacks of the catalogue: NumericDates, time limits, issuer and audience. */
final class ClaimAttacks {
    private final HostileCases c;

    ClaimAttacks(HostileCases catalogue) {
        this.c = catalogue;
    }

    void addTo(List<HostileCase> cases) {
        numericDates(cases);
        times(cases);
        issuerAndAudience(cases);
    }

    private void numericDates(List<HostileCase> cases) {
        String h = c.header(c.trustedAlg(), "");
        add(cases, "numeric-date", "exp as a string", c.signed(h, c.claimsWithout("exp", "\"exp\":\"" + (c.now() + 300) + "\"")));
        add(cases, "numeric-date", "exp as a boolean", c.signed(h, c.claimsWithout("exp", "\"exp\":true")));
        add(cases, "numeric-date", "exp overflows (1e400)", c.signed(h, c.claimsWithout("exp", "\"exp\":1e400")));
        add(cases, "numeric-date", "exp beyond year 9999", c.signed(h, c.claimsWithout("exp", "\"exp\":253402300800000")));
        add(cases, "numeric-date", "exp negative", c.signed(h, c.claimsWithout("exp", "\"exp\":-1")));
        add(cases, "numeric-date", "exp huge fraction of an expired time",
                c.signed(h, c.claimsWithout("exp", "\"exp\":" + (c.now() - 3600) + ".99999999999999999999999999999")));
        add(cases, "numeric-date", "iat as an array", c.signed(h, c.claimsWithout("iat", "\"iat\":[" + c.now() + "]")));
        add(cases, "numeric-date", "nbf as a string", c.signed(h, c.claims("\"nbf\":\"0\"")));
    }

    private void times(List<HostileCase> cases) {
        String h = c.header(c.trustedAlg(), "");
        add(cases, "missing-exp", "no exp", c.signed(h, c.claimsWithout("exp", "")));
        add(cases, "expired", "expired 2 minutes ago", c.signed(h, c.claims(c.now() - 600, c.now() - 120, "")));
        add(cases, "iat-future", "issued in an hour", c.signed(h, c.claims(c.now() + 3600, c.now() + 3900, "")));
        add(cases, "nbf-future", "not before an hour from c.now()", c.signed(h, c.claims("\"nbf\":" + (c.now() + 3600))));
        add(cases, "lifetime", "lifetime 2 hours", c.signed(h, c.claims(c.now(), c.now() + 7200, "")));
        add(cases, "lifetime", "lifetime 1 year, no iat", c.signed(h, c.claimsWithout("iat", "").replaceFirst(
                "\"exp\":[0-9]+", "\"exp\":" + (c.now() + 365L * 86_400))));
        add(cases, "age", "issued 40 minutes ago (age limit)", c.signed(h, c.claims(c.now() - 2400, c.now() + 300, "")));
    }

    private void issuerAndAudience(List<HostileCase> cases) {
        String h = c.header(c.trustedAlg(), "");
        add(cases, "issuer", "trailing slash", c.signed(h, c.claimsWithout("iss", "\"iss\":" + str(c.issuer() + "/"))));
        add(cases, "issuer", "different case", c.signed(h, c.claimsWithout("iss", "\"iss\":" + str(c.issuer().toUpperCase()))));
        add(cases, "issuer", "prefix", c.signed(h, c.claimsWithout("iss", "\"iss\":" + str(c.issuer().substring(0, c.issuer().length() - 1)))));
        add(cases, "issuer", "missing", c.signed(h, c.claimsWithout("iss", "")));
        add(cases, "issuer", "array", c.signed(h, c.claimsWithout("iss", "\"iss\":[" + str(c.issuer()) + "]")));
        add(cases, "audience", "other c.audience()", c.signed(h, c.claimsWithout("aud", "\"aud\":\"other-service\"")));
        add(cases, "audience", "empty array", c.signed(h, c.claimsWithout("aud", "\"aud\":[]")));
        add(cases, "audience", "non-string member", c.signed(h, c.claimsWithout("aud", "\"aud\":[" + str(c.audience()) + ",42]")));
        add(cases, "audience", "number", c.signed(h, c.claimsWithout("aud", "\"aud\":42")));
        add(cases, "audience", "missing", c.signed(h, c.claimsWithout("aud", "")));
    }
}
