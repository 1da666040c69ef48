package io.jwtguard.core.keys;

import io.jwtguard.core.verify.KeySourceUnavailableException;
import java.util.List;

/**
 * Supplies the verification keys that configuration trusts. A token never adds to them: its
 * {@code kid} only selects among what this source returns.
 *
 * <p>Implementations must be thread-safe and should be cheap to call on every verification
 * (cache what they load).
 */
public interface KeySource {

    /**
     * @return the trusted keys, never null; may be empty only if the source holds no usable key
     * @throws KeySourceUnavailableException if the keys cannot be obtained right now
     */
    List<VerificationKey> keys();

    /** @return a description for logs and posture findings (a location, never key material) */
    String describe();
}
