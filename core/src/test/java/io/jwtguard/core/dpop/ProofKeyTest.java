package io.jwtguard.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.jose.StrictJson;
import org.junit.jupiter.api.Test;

class ProofKeyTest {
    /** RFC 7638 section 3.1: the example RSA key and its SHA-256 thumbprint. */
    @Test
    void thumbprintWhenRfc7638ExampleThenSameValue() throws Exception {
        String jwk = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
        assertThat(ProofKey.of(StrictJson.parseObject(jwk)).thumbprint())
                .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void thumbprintWhenMemberOrderDiffersThenSame() throws Exception {
        String a = Proofs.jwk(Proofs.ec("secp256r1").getPublic());
        String reordered = a.replace("{\"kty\":\"EC\",", "{").replace("}", ",\"kty\":\"EC\",\"kid\":\"k1\"}");
        assertThat(ProofKey.of(StrictJson.parseObject(reordered)).thumbprint())
                .isEqualTo(ProofKey.of(StrictJson.parseObject(a)).thumbprint());
    }
}
