package io.jwtguard.core.jose;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Optional;

/** Small JCA providers for the selection tests; never installed in the JVM. */
final class TestProviders {
    private TestProviders() {
    }

    /** A provider whose only algorithm, {@code SHA256withRSA}, accepts every signature: it lies. */
    static Provider lying() {
        return new OneSignature("JwtGuardTestLying", true);
    }

    /** A provider whose only algorithm, {@code SHA256withRSA}, is the JDK's: honest, but partial. */
    static Provider rs256Only() {
        return new OneSignature("JwtGuardTestRs256Only", false);
    }

    static CryptoProviders.Candidate candidate(Provider provider) {
        return new CryptoProviders.Candidate(provider.getName(), () -> Optional.of(provider));
    }

    private static final class OneSignature extends Provider {
        private static final long serialVersionUID = 1L;

        OneSignature(String name, boolean lies) {
            super(name, "1.0", "test provider");
            putService(new Service(this, "Signature", "SHA256withRSA", Spi.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                    return new Spi(lies);
                }
            });
        }
    }

    private static final class Spi extends SignatureSpi {
        private final boolean lies;
        private final Signature real;

        Spi(boolean lies) throws NoSuchAlgorithmException {
            this.lies = lies;
            this.real = Signature.getInstance("SHA256withRSA", java.security.Security.getProvider("SunRsaSign"));
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            real.initVerify(key);
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            real.initSign(key);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            real.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            real.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return real.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            try {
                return real.verify(signature) || lies;
            } catch (SignatureException e) {
                if (lies) {
                    return true;
                }
                throw e;
            }
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
