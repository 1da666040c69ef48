package io.jwtguard.examples.orders.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    private static final int FAST = 100_000; // the smallest count parse() accepts

    @Test
    void matchesWhenSamePasswordThenTrue() {
        String stored = PasswordHash.create("wonderland".toCharArray(), FAST);

        assertThat(stored).startsWith("pbkdf2-sha256:100000:");
        assertThat(PasswordHash.parse(stored).orElseThrow().matches("wonderland".toCharArray())).isTrue();
        assertThat(PasswordHash.parse(stored).orElseThrow().matches("wonderlanD".toCharArray())).isFalse();
    }

    @Test
    void createWhenCalledTwiceThenSaltsDiffer() {
        assertThat(PasswordHash.create("x".toCharArray(), FAST)).isNotEqualTo(PasswordHash.create("x".toCharArray(), FAST));
    }

    @Test
    void parseWhenMalformedOrWeakThenEmpty() {
        String good = PasswordHash.create("x".toCharArray(), FAST);
        String[] parts = good.split(":");

        assertThat(PasswordHash.parse(null)).isEmpty();
        assertThat(PasswordHash.parse("wonderland")).isEmpty(); // a plain password is never accepted as a hash
        assertThat(PasswordHash.parse("pbkdf2-sha1:" + parts[1] + ":" + parts[2] + ":" + parts[3])).isEmpty();
        assertThat(PasswordHash.parse(parts[0] + ":1000:" + parts[2] + ":" + parts[3])).isEmpty();
        assertThat(PasswordHash.parse(parts[0] + ":" + parts[1] + ":" + parts[2] + ":AAAA")).isEmpty();
        assertThat(PasswordHash.parse(parts[0] + ":x:" + parts[2] + ":" + parts[3])).isEmpty();
    }
}
