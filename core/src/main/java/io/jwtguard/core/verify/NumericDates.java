package io.jwtguard.core.verify;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;

/**
 * Reads NumericDate claims (RFC 7519 section 2) strictly: a JSON number (never a string, never
 * a boolean), not negative, not after 9999-12-31, fractions truncated toward the past.
 */
final class NumericDates {
    /** 9999-12-31T23:59:59Z, the largest NumericDate accepted. */
    static final long MAX_SECONDS = 253_402_300_799L;
    /** Returned when the claim is absent. */
    static final long ABSENT = Long.MIN_VALUE;

    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SECONDS);

    private NumericDates() {
    }

    /**
     * @return the claim in whole epoch seconds, or {@link #ABSENT}
     * @throws TokenRejectedException {@link RejectionReason#INVALID_CLAIM} if present but not a valid NumericDate
     */
    static long read(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        if (value == null) {
            return ABSENT;
        }
        if (!(value instanceof JsonNumber)) {
            throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'" + name + "' is not a JSON number");
        }
        JsonNumber number = (JsonNumber) value;
        if (number.isIntegral()) {
            long seconds;
            try {
                seconds = number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'" + name + "' is out of range");
            }
            if (seconds < 0 || seconds > MAX_SECONDS) {
                throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'" + name + "' is out of range");
            }
            return seconds;
        }
        BigDecimal exact = number.bigDecimalValue();
        if (exact.signum() < 0 || exact.compareTo(MAX) > 0) {
            throw new TokenRejectedException(RejectionReason.INVALID_CLAIM, "'" + name + "' is out of range");
        }
        return exact.longValue(); // a fraction is truncated toward the past
    }
}
