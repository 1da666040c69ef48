package io.jwtguard.tck.tomcat;

import io.jwtguard.tck.tomcat.app.WhoAmIServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The servlet-only WAR, as an application packages it for Tomcat: {@link WhoAmIServlet}, a web.xml whose only
 * setting is a realm (which the environment's {@code JWTGUARD_REALM} overrides), and in {@code WEB-INF/lib} the
 * jars of {@code jwtguard.tck.app-libs} (JWT Guard, the MP JWT API, JSON-P and Parsson, jose4j, caffeine,
 * jspecify). No beans.xml, no JAX-RS, no MicroProfile Config.
 */
public final class ServletOnlyWar {
    /** The realm web.xml names; the tests' environment sets another one. */
    static final String WEB_XML_REALM = "from-web-xml";

    private ServletOnlyWar() {
    }

    /**
     * @param folder where to write it
     * @param name the file name without {@code .war} (Tomcat's context path when in {@code webapps/})
     * @return the written WAR
     */
    static Path write(Path folder, String name) throws IOException {
        return write(folder, name, WhoAmIServlet.class);
    }

    /**
     * As {@link #write(Path, String)}, with {@code servlet} (an annotated servlet class) instead of
     * {@link WhoAmIServlet}: the same web.xml and libraries.
     */
    public static Path write(Path folder, String name, Class<?> servlet) throws IOException {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(servlet)
                .setWebXML(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                        + "  <context-param><param-name>jwtguard.realm</param-name><param-value>" + WEB_XML_REALM
                        + "</param-value></context-param>\n"
                        + "</web-app>\n"));
        for (Path jar : appLibs()) {
            war.addAsLibrary(jar.toFile(), jar.getFileName().toString());
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".war");
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static List<Path> appLibs() throws IOException {
        String folder = System.getProperty("jwtguard.tck.app-libs");
        if (folder == null) {
            throw new IllegalStateException("system property jwtguard.tck.app-libs not set: run with -Ptomcat-servlet");
        }
        try (Stream<Path> jars = Files.list(Paths.get(folder))) {
            List<Path> found = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (found.stream().noneMatch(p -> p.getFileName().toString().startsWith("jwtguard-runtime"))) {
                throw new IllegalStateException("no jwtguard-runtime jar in " + folder);
            }
            return found;
        }
    }
}
