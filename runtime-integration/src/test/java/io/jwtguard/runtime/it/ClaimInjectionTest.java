package io.jwtguard.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.it.claims.ClaimsApp;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.Http;
import io.jwtguard.runtime.testing.TestTokens;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each @Claim injection form of MP-JWT 2.1, and JsonWebToken, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimInjectionTest {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("claims", Deployments.baseConfig()).addPackage(ClaimsApp.class.getPackage());
    }

    @Test
    void everyInjectionFormWhenTokenHasTheClaimsThenValues() {
        TestTokens token = TestTokens.token().groups("user", "admin")
                .claim("verified", "true").claim("score", "4.5")
                .claim("address", "{\"city\":\"Lyon\",\"zip\":\"69001\"}");
        String iat = token.claimsJson().replaceAll(".*\"iat\":(\\d+).*", "$1");
        String body = Http.get(base, "api/claims").bearer(token.sign()).send().body();
        assertThat(body.lines()).contains(
                "jwt.name=jdoe@example.com",
                "raw_token.matches=true",
                "iss=" + TestTokens.ISSUER,
                "upn=jdoe@example.com",
                "iat=" + iat,
                "iat.primitive=" + iat,
                "verified=true",
                "verified.primitive=true",
                "score=4.5",
                "groups=[admin, user]",
                "aud=[" + TestTokens.AUDIENCE + "]",
                "sub.value=sub:user-1",
                "iat.value=" + iat,
                "groups.value=[admin, user]",
                "nickname.value=Optional.empty",
                "upn.optional.value=Optional[jdoe@example.com]",
                "upn.optional=Optional[jdoe@example.com]",
                "nickname.optional=Optional.empty",
                "iat.optional=Optional[" + iat + "]",
                "upn.json=jdoe@example.com",
                "iat.json=" + iat,
                "groups.json.size=2",
                "address.city=Lyon",
                "address.value.type=OBJECT",
                "sub.provider=user-1",
                "upn.instance=jdoe@example.com",
                "iat.value.provider=" + iat);
    }

    @Test
    void jsonWebTokenWhenNoTokenThenEmptyNotNull() {
        String body = Http.get(base, "api/claims/anonymous").send().body();
        assertThat(body.lines()).contains("jwt.null=false", "jwt.name=null", "claims=null", "upn=null",
                "upn.optional=Optional.empty", "iat.primitive=0");
    }

    @Test
    void applicationScopedBeanSeesTheCurrentRequestsValues() {
        String first = Http.get(base, "api/app").bearer(TestTokens.token().claim("jti", "\"first\"").sign()).send().body();
        String second = Http.get(base, "api/app")
                .bearer(TestTokens.token().claim("upn", "\"other@example.com\"").claim("sub", "\"user-2\"")
                        .claim("jti", "\"second\"").sign()).send().body();
        assertThat(first).isEqualTo("jwt=jdoe@example.com|upn=jdoe@example.com|sub=user-1|jti=first");
        assertThat(second).isEqualTo("jwt=other@example.com|upn=other@example.com|sub=user-2|jti=second");
        assertThat(Http.get(base, "api/app").send().body()).isEqualTo("jwt=null|upn=null|sub=null|jti=null");
    }
}
