package io.jwtguard.core.verify.hostile;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;

/**
 * A JCA provider that stands in for an unpatched, lenient JDK, so tests can show that JWT Guard's
 * own signature checks hold "whatever the JDK's patch level". Its {@code SHA*withECDSAinP1363Format}
 * verifiers delegate to SunEC, except that they
 * <ul>
 *   <li>accept any message when r and s are both 0 modulo n (CVE-2022-21449, "psychic signatures"),</li>
 *   <li>accept a DER-encoded signature in place of R || S,</li>
 *   <li>ignore one trailing byte after R || S.</li>
 * </ul>
 * Its {@code SHA256withRSA} verifier delegates to SunRsaSign but accepts a signature longer than
 * the modulus when the extra bytes are leading zeros (it reads the signature as a number).
 * Test code only; install it with {@link java.security.Security#insertProviderAt} and remove it after.
 */
final class LenientSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "JwtGuardTestLenientSignatures";

    LenientSignatureProvider() {
        super(NAME, "1.0", "ECDSA and RSA without range or length checks, for tests");
        for (String algorithm : List.of("SHA256withECDSAinP1363Format", "SHA384withECDSAinP1363Format",
                "SHA512withECDSAinP1363Format")) {
            putService(new Service(this, "Signature", algorithm, LenientEcdsa.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new LenientEcdsa(algorithm);
                }
            });
        }
        putService(new Service(this, "Signature", "SHA256withRSA", LenientRsa.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return new LenientRsa();
            }
        });
    }

    private static final class LenientRsa extends SignatureSpi {
        private final Signature real;
        private RSAPublicKey key;

        LenientRsa() throws NoSuchAlgorithmException {
            try {
                this.real = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            } catch (NoSuchProviderException e) {
                throw new NoSuchAlgorithmException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            if (!(publicKey instanceof RSAPublicKey)) {
                throw new InvalidKeyException("RSA keys only");
            }
            key = (RSAPublicKey) publicKey;
            real.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("verification only");
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
            throw new SignatureException("verification only");
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            int size = (key.getModulus().bitLength() + 7) / 8;
            byte[] normalized = Signatures.fixed(new BigInteger(1, signature).mod(key.getModulus()), size);
            return real.verify(normalized);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @SuppressWarnings("deprecation")
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }

    private static final class LenientEcdsa extends SignatureSpi {
        private final Signature real;
        private ECPublicKey key;

        LenientEcdsa(String algorithm) throws NoSuchAlgorithmException {
            try {
                this.real = Signature.getInstance(algorithm, "SunEC");
            } catch (NoSuchProviderException e) {
                throw new NoSuchAlgorithmException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            if (!(publicKey instanceof ECPublicKey)) {
                throw new InvalidKeyException("EC keys only");
            }
            key = (ECPublicKey) publicKey;
            real.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("verification only");
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
            throw new SignatureException("verification only");
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            BigInteger order = key.getParams().getOrder();
            if (signature.length == 2 * size) {
                BigInteger r = new BigInteger(1, signature, 0, size);
                BigInteger s = new BigInteger(1, signature, size, size);
                if (r.mod(order).signum() == 0 && s.mod(order).signum() == 0) {
                    return true;
                }
                return real.verify(signature);
            }
            if (signature.length == 2 * size + 1) {
                return real.verify(Arrays.copyOf(signature, 2 * size));
            }
            byte[] p1363 = Signatures.derToP1363(signature, size);
            return p1363 != null && real.verify(p1363);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @SuppressWarnings("deprecation")
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
