package io.jwtguard.tck.authz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * WARs of the authorization suite for the container in use ({@value #CONTAINER}): on Open
 * Liberty with JWT Guard and its libraries in {@code WEB-INF/lib} (as an application packages
 * them), in the embedded container with what it needs for a non-testable WAR (beans.xml, Weld
 * first, RESTEasy's CDI injector). JWT Guard runs in its default hardened profile.
 */
final class Wars {
    static final String CONTAINER = "jwtguard.tck.container";
    static final String LIBERTY_LIBS = "jwtguard.tck.liberty.libs";

    private Wars() {
    }

    static WebArchive war(String name, String config) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        if ("liberty".equals(System.getProperty(CONTAINER))) {
            for (Path jar : libertyLibs()) {
                war.addAsLibrary(jar.toFile(), jar.getFileName().toString());
            }
        } else {
            war.addAsWebInfResource("beans.xml")
                    .addAsWebInfResource("jetty-env.xml")
                    .addAsLibraries(ShrinkWrap.create(JavaArchive.class, "resteasy-cdi.jar")
                            .addAsManifestResource("web-fragment.xml"));
        }
        return war;
    }

    private static List<Path> libertyLibs() {
        String dir = System.getProperty(LIBERTY_LIBS);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException(LIBERTY_LIBS + " is not set");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
