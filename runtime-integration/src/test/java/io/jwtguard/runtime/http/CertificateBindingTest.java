package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.runtime.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Certificate-bound tokens (RFC 8705 section 3) at {@link RequestAuthenticator}: used only over their mutual TLS. */
class CertificateBindingTest {
    private static final X509Certificate CLIENT = certificate("client.pem");
    private static final X509Certificate OTHER = certificate("other.pem");

    private final RequestAuthenticator authenticator = RequestAuthenticatorDPoPTest.authenticator(
            DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED));

    private static X509Certificate certificate(String name) {
        try (InputStream in = CertificateBindingTest.class.getResourceAsStream("/certificates/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String boundTo(String thumbprint) {
        return TestTokens.token().groups("user")
                .claim("cnf", "{\"x5t#S256\":\"" + thumbprint + "\"}").sign();
    }

    private AuthenticationOutcome send(String token, X509Certificate... chain) {
        TokenExtractorTest.Request request = new RequestAuthenticatorDPoPTest.Request()
                .header("Authorization", "Bearer " + token);
        if (chain.length > 0) {
            request.attribute(CertificateBinding.CLIENT_CERTIFICATES, chain);
        }
        return authenticator.authenticate(request);
    }

    private static void refused(AuthenticationOutcome outcome, RequestRefusal reason) {
        assertThat(outcome).isInstanceOfSatisfying(AuthenticationOutcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    @Test
    void thumbprintWhenKnownCertificateThenRfc8705Value() {
        // openssl x509 -in client.pem -outform der | openssl dgst -sha256 -binary | base64url, unpadded
        assertThat(CertificateBinding.thumbprint(CLIENT)).isEqualTo("o65b4H9V6SmG2-rxiWNcM7bn_K0B2iodsTxmlOoVSBE");
    }

    @Test
    void boundTokenWhenItsCertificateThenAuthenticated() {
        assertThat(send(boundTo(CertificateBinding.thumbprint(CLIENT)), CLIENT, OTHER))
                .isInstanceOf(AuthenticationOutcome.Authenticated.class);
    }

    @Test
    void boundTokenWhenNoClientCertificateThenRefused() {
        refused(send(boundTo(CertificateBinding.thumbprint(CLIENT))), RequestRefusal.CERTIFICATE_MISSING);
    }

    @Test
    void boundTokenWhenAnotherCertificateThenRefused() {
        refused(send(boundTo(CertificateBinding.thumbprint(CLIENT)), OTHER), RequestRefusal.CERTIFICATE_MISMATCH);
        // only the leaf certificate counts, not one further up the chain
        refused(send(boundTo(CertificateBinding.thumbprint(CLIENT)), OTHER, CLIENT),
                RequestRefusal.CERTIFICATE_MISMATCH);
    }

    @Test
    void boundTokenWhenThumbprintIsNotAStringThenRefused() {
        String token = TestTokens.token().groups("user")
                .claim("cnf", "{\"x5t#S256\":1}").sign();
        refused(send(token, CLIENT), RequestRefusal.CERTIFICATE_MISMATCH);
    }

    @Test
    void unboundTokenWhenNoCertificateThenAuthenticated() {
        assertThat(send(TestTokens.withGroups("user"))).isInstanceOf(AuthenticationOutcome.Authenticated.class);
        assertThat(send(TestTokens.token().groups("user").claim("cnf", "{}").sign()))
                .isInstanceOf(AuthenticationOutcome.Authenticated.class);
    }
}
