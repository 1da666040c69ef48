package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaging check finds an API the application sees twice, and only then. */
class DuplicateApisTest {
    @TempDir
    Path dir;

    private URL jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                out.closeEntry();
            }
        }
        return jar.toUri().toURL();
    }

    @Test
    void findWhenServerAndWarBothCarryTheMpJwtApiThenOneProblemNamingBothJars() throws IOException {
        String jwt = "org/eclipse/microprofile/jwt/JsonWebToken.class";
        try (URLClassLoader server = new URLClassLoader(new URL[] {jar("server-mp-jwt.jar", jwt)}, null);
                URLClassLoader war = new URLClassLoader(new URL[] {jar("microprofile-jwt-auth-api-2.1.jar", jwt),
                        jar("jwtguard-core.jar", "io/jwtguard/Some.class")}, server)) {
            List<String> problems = DuplicateApis.find(war);
            assertThat(problems).singleElement().asString()
                    .contains("the MicroProfile JWT API", "2 times", "server-mp-jwt.jar",
                            "microprofile-jwt-auth-api-2.1.jar", "docs/servers.md");
        }
    }

    @Test
    void findWhenEachApiOnceThenNothing() throws IOException {
        try (URLClassLoader server = new URLClassLoader(new URL[] {jar("server-json.jar", "jakarta/json/Json.class")},
                null);
                URLClassLoader war = new URLClassLoader(new URL[] {jar("mp-jwt.jar",
                        "org/eclipse/microprofile/jwt/JsonWebToken.class")}, server)) {
            assertThat(DuplicateApis.find(war)).isEmpty();
        }
    }

    @Test
    void containerStripsTheResourceAndTheJarScheme() {
        assertThat(DuplicateApis.container("jar:file:/srv/app/WEB-INF/lib/a.jar!/jakarta/json/Json.class",
                "jakarta/json/Json.class")).isEqualTo("file:/srv/app/WEB-INF/lib/a.jar");
        assertThat(DuplicateApis.container("file:/classes/jakarta/json/Json.class", "jakarta/json/Json.class"))
                .isEqualTo("file:/classes/");
    }
}
