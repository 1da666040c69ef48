package io.jwtguard.core.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Reads verification keys from the certificates of a key store (PKCS12 by default). Each
 * certificate's public key becomes a key whose {@code kid} is the entry's alias. Stateless.
 */
public final class KeystoreKeys {
    private KeystoreKeys() {
    }

    /**
     * @param location a file path or {@code classpath:} resource, not null
     * @param type the key store type, for example {@code PKCS12}
     * @param password the store password; may be empty, never logged
     * @param aliases the aliases to use; empty means every entry with a certificate
     * @return the keys, never empty
     * @throws IllegalArgumentException if the store cannot be read or holds no usable certificate
     */
    public static List<VerificationKey> load(String location, String type, char[] password, Set<String> aliases) {
        KeyStore store;
        try (InputStream in = open(location)) {
            store = KeyStore.getInstance(type);
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key store " + location + " of type " + type
                    + " (wrong password, type or file)");
        }
        List<VerificationKey> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!aliases.isEmpty() && !aliases.contains(alias)) {
                    continue;
                }
                Certificate certificate = store.getCertificate(alias);
                if (certificate != null) {
                    keys.add(VerificationKey.ofPublicKey(alias, certificate.getPublicKey()));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot list key store " + location);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("key store " + location + " holds no certificate"
                    + (aliases.isEmpty() ? "" : " under the aliases " + aliases));
        }
        return List.copyOf(keys);
    }

    private static InputStream open(String location) throws IOException {
        return new java.io.ByteArrayInputStream(KeyLocation.of(location).readBytes());
    }
}
