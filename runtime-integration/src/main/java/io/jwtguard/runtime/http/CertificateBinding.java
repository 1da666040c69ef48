package io.jwtguard.runtime.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * Certificate-bound access tokens (RFC 8705 section 3): a token whose {@code cnf} claim has an
 * {@code x5t#S256} member may only be used over a mutual-TLS connection whose client certificate
 * has that SHA-256 thumbprint. The certificate is the one the container reports for the TLS
 * connection ({@value #CLIENT_CERTIFICATES}); a certificate forwarded in a header by a proxy is
 * never trusted, so behind a TLS-terminating proxy such tokens are refused. Stateless.
 */
final class CertificateBinding {
    /** The servlet request attribute holding the client's certificate chain (Servlet 6, section 3.10). */
    static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final String THUMBPRINT = "x5t#S256";

    private CertificateBinding() {
    }

    /**
     * @param claims the verified token's claims, not null
     * @param request the request, not null
     * @return the refusal; empty when the token is not certificate-bound, or when the connection's
     *     client certificate is the one it is bound to
     */
    static Optional<RequestRefusal> check(JsonObject claims, RequestView request) {
        JsonValue cnf = claims.get("cnf");
        if (!(cnf instanceof JsonObject) || !((JsonObject) cnf).containsKey(THUMBPRINT)) {
            return Optional.empty();
        }
        Object chain = request.attribute(CLIENT_CERTIFICATES);
        if (!(chain instanceof X509Certificate[]) || ((X509Certificate[]) chain).length == 0) {
            return Optional.of(RequestRefusal.CERTIFICATE_MISSING);
        }
        JsonValue expected = ((JsonObject) cnf).get(THUMBPRINT);
        if (!(expected instanceof JsonString)) {
            return Optional.of(RequestRefusal.CERTIFICATE_MISMATCH); // a malformed binding binds to nothing
        }
        byte[] actual = thumbprint(((X509Certificate[]) chain)[0]).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, ((JsonString) expected).getString().getBytes(StandardCharsets.UTF_8))
                ? Optional.empty() : Optional.of(RequestRefusal.CERTIFICATE_MISMATCH);
    }

    /** @return the base64url (unpadded) SHA-256 of the certificate's DER encoding (RFC 8705 section 3.1) */
    static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the client certificate", e);
        }
    }
}
