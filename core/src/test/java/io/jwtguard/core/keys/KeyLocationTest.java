package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLocationTest {
    private static final String CERT_RESOURCE = "keys/signer-rsa.cert.pem";

    @TempDir
    Path dir;

    private LocalHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    // --- classpath ---------------------------------------------------------------------------

    @Test
    void readWhenBareClasspathResourceThenContent() throws Exception {
        assertThat(KeyLocation.of(CERT_RESOURCE).read()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void readWhenClasspathResourceWithLeadingSlashThenContent() throws Exception {
        assertThat(KeyLocation.of("/" + CERT_RESOURCE).read()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void readWhenClasspathPrefixThenContent() throws Exception {
        assertThat(KeyLocation.of("classpath:" + CERT_RESOURCE).read()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(KeyLocation.of("classpath:/" + CERT_RESOURCE).read()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void readWhenClasspathResourceMissingThenIOExceptionNamingLocation() {
        assertThatThrownBy(() -> KeyLocation.of("classpath:keys/absent.pem").read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("classpath:keys/absent.pem");
    }

    @Test
    void readWhenClasspathPrefixNamesFileThenFileIsNotRead() throws Exception {
        Path file = write("key.pem", "file content");

        assertThatThrownBy(() -> KeyLocation.of("classpath:" + file.toAbsolutePath()).read())
                .isInstanceOf(IOException.class);
    }

    // --- files -------------------------------------------------------------------------------

    @Test
    void readWhenFilePathThenContent() throws Exception {
        Path file = write("key.pem", "file content");

        assertThat(KeyLocation.of(file.toAbsolutePath().toString()).read()).isEqualTo("file content");
    }

    @Test
    void readWhenFileUrlThenContent() throws Exception {
        Path file = write("key.pem", "file content");

        assertThat(KeyLocation.of(file.toUri().toString()).read()).isEqualTo("file content");
    }

    @Test
    void readWhenLocationHasSurroundingWhitespaceThenTrimmed() throws Exception {
        Path file = write("key.pem", "file content");

        assertThat(KeyLocation.of("  " + file.toUri() + "\n").read()).isEqualTo("file content");
    }

    @Test
    void readWhenFileMissingThenIOException() {
        assertThatThrownBy(() -> KeyLocation.of(dir.resolve("absent.pem").toString()).read())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> KeyLocation.of(dir.resolve("absent.pem").toUri().toString()).read())
                .isInstanceOf(IOException.class);
    }

    @Test
    void readWhenFileExactlyMaxBytesThenContent() throws Exception {
        Path file = dir.resolve("max.txt");
        Files.write(file, filled(KeyLocation.MAX_BYTES));

        assertThat(KeyLocation.of(file.toString()).read()).hasSize(KeyLocation.MAX_BYTES);
    }

    @Test
    void readWhenFileOverMaxBytesThenIOException() throws Exception {
        Path file = dir.resolve("big.txt");
        Files.write(file, filled(KeyLocation.MAX_BYTES + 1));

        assertThatThrownBy(() -> KeyLocation.of(file.toString()).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(String.valueOf(KeyLocation.MAX_BYTES));
        assertThatThrownBy(() -> KeyLocation.of(file.toUri().toString()).read())
                .isInstanceOf(IOException.class);
    }

    // --- http --------------------------------------------------------------------------------

    @Test
    void readWhenHttp200ThenBody() throws Exception {
        server.answer("/jwks.json", 200, "{\"keys\":[]}");

        assertThat(KeyLocation.of(server.url("/jwks.json")).read()).isEqualTo("{\"keys\":[]}");
        assertThat(server.hits("/jwks.json")).isEqualTo(1);
    }

    @Test
    void readWhenHttp404ThenIOExceptionWithStatus() {
        assertThatThrownBy(() -> KeyLocation.of(server.url("/absent")).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("404");
    }

    @Test
    void readWhenHttp500ThenIOException() {
        server.answer("/jwks.json", 500, "oops");

        assertThatThrownBy(() -> KeyLocation.of(server.url("/jwks.json")).read()).isInstanceOf(IOException.class);
    }

    @Test
    void readWhenHttp204ThenIOException() {
        server.answer("/jwks.json", 204, "");

        assertThatThrownBy(() -> KeyLocation.of(server.url("/jwks.json")).read()).isInstanceOf(IOException.class);
    }

    @Test
    void readWhenHttpRedirectThenIOExceptionAndTargetNotFetched() {
        server.answer("/real.json", 200, "{\"keys\":[]}");
        server.redirect("/moved.json", 302, server.url("/real.json"));

        assertThatThrownBy(() -> KeyLocation.of(server.url("/moved.json")).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("302");
        assertThat(server.hits("/real.json")).isZero();
    }

    @Test
    void readWhenHttpPermanentRedirectThenIOException() {
        server.answer("/real.json", 200, "{\"keys\":[]}");
        server.redirect("/moved.json", 301, server.url("/real.json"));

        assertThatThrownBy(() -> KeyLocation.of(server.url("/moved.json")).read()).isInstanceOf(IOException.class);
        assertThat(server.hits("/real.json")).isZero();
    }

    @Test
    void readWhenHttpBodyOverMaxBytesThenIOException() {
        server.answer("/big.json", 200, filled(KeyLocation.MAX_BYTES + 1));

        assertThatThrownBy(() -> KeyLocation.of(server.url("/big.json")).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(String.valueOf(KeyLocation.MAX_BYTES));
    }

    @Test
    void readWhenHttpBodyExactlyMaxBytesThenContent() throws Exception {
        server.answer("/max.json", 200, filled(KeyLocation.MAX_BYTES));

        assertThat(KeyLocation.of(server.url("/max.json")).read()).hasSize(KeyLocation.MAX_BYTES);
    }

    // --- classification ----------------------------------------------------------------------

    @Test
    void isRemoteWhenHttpOrHttpsThenTrue() {
        assertThat(KeyLocation.of("http://127.0.0.1/jwks").isRemote()).isTrue();
        assertThat(KeyLocation.of("HTTPS://issuer.example/jwks").isRemote()).isTrue();
        assertThat(KeyLocation.of("classpath:keys/a.pem").isRemote()).isFalse();
        assertThat(KeyLocation.of("/etc/keys/a.pem").isRemote()).isFalse();
        assertThat(KeyLocation.of("file:/etc/keys/a.pem").isRemote()).isFalse();
    }

    @Test
    void isAcceptableRemoteWhenPlainHttpToOtherHostThenFalse() {
        assertThat(KeyLocation.of("http://192.0.2.10/jwks").isAcceptableRemote()).isFalse();
    }

    @Test
    void isAcceptableRemoteWhenLoopbackOrHttpsThenTrueAndLocalIsNotRemote() {
        assertThat(KeyLocation.of("http://127.0.0.1:8080/jwks").isAcceptableRemote()).isTrue();
        assertThat(KeyLocation.of("http://localhost:8080/jwks").isAcceptableRemote()).isTrue();
        assertThat(KeyLocation.of("http://[::1]:8080/jwks").isAcceptableRemote()).isTrue();
        assertThat(KeyLocation.of("https://192.0.2.10/jwks").isAcceptableRemote()).isTrue();
        assertThat(KeyLocation.of("classpath:keys/a.pem").isAcceptableRemote()).isFalse();
    }

    @Test
    void readWhenPlainHttpToOtherHostThenRefusedWithoutConnecting() {
        assertThatThrownBy(() -> KeyLocation.of("http://192.0.2.10/jwks").read()).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("https");
    }

    @Test
    void ofWhenBlankThenIllegalArgument() {
        assertThatThrownBy(() -> KeyLocation.of("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyLocation.of(null)).isInstanceOf(NullPointerException.class);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
