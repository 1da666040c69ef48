package io.jwtguard.tck.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Prepares every TCK WAR for JWT Guard in the embedded container (Arquillian applies it to
 * testable deployments, which all TCK deployments are).
 *
 * <ul>
 *   <li>The TCK puts {@code microprofile-config.properties} in the WAR's {@code META-INF/}
 *       (a manifest resource), which is not on the class path; MicroProfile Config reads
 *       {@code META-INF/microprofile-config.properties} from the class path, so it is copied to
 *       {@code WEB-INF/classes/META-INF/}.</li>
 *   <li>A WAR without configuration gets {@link #DEFAULT_CONFIG}: the TCK's default key and
 *       issuer, which an MP-JWT implementation provides by its own means.</li>
 *   <li>Every configuration gets {@link #PROFILE}, the one documented switch to the
 *       {@code mp-compat} profile. Nothing else about JWT Guard is changed for the TCK.</li>
 *   <li>{@value #EXTRA_CONFIG} lines, only for negative controls.</li>
 *   <li>Context root {@code /}: the TCK's key-location URL tests fetch keys from the root.</li>
 *   <li>On Open Liberty ({@value #CONTAINER}{@code =liberty}, profile {@code liberty-tck}): the
 *       context root comes from {@code WEB-INF/ibm-web-ext.xml}, and the jars in
 *       {@value #APP_LIBS} (JWT Guard, its libraries, the MP JWT API: what an application
 *       using JWT Guard packages, since Liberty runs without its {@code mpJwt} feature) go to
 *       {@code WEB-INF/lib}.</li>
 *   <li>On Payara Micro ({@value #CONTAINER}{@code =payara}, profile {@code payara-tck}): the
 *       context root comes from {@code WEB-INF/payara-web.xml}, and the jars in {@value #APP_LIBS}
 *       go to {@code WEB-INF/lib}: JWT Guard and the libraries Payara does not ship (no MP JWT
 *       API and no JSON-P implementation: Payara has both).</li>
 *   <li>On WildFly ({@value #CONTAINER}{@code =wildfly}, profile {@code wildfly-tck}): the context
 *       root comes from {@code WEB-INF/jboss-web.xml}, and the jars in {@value #APP_LIBS} go to
 *       {@code WEB-INF/lib} (JWT Guard, jose4j, Caffeine and the MP JWT API, which WildFly gives
 *       only to deployments its own MicroProfile JWT subsystem activates).</li>
 *   <li>On Apache TomEE ({@value #CONTAINER}{@code =tomee}, profile {@code tomee-tck}): the jars in
 *       {@value #APP_LIBS} go to {@code WEB-INF/lib} (JWT Guard, jose4j, Caffeine: TomEE ships the
 *       MP JWT API and JSON-P). TomEE serves a WAR under its name and has no descriptor for the
 *       root context, so a key location under the TCK's base URL ({@value #JWKS_BASE_URL}) is
 *       pointed at the WAR's own context instead: {@code http://host:port/jwks/...} becomes
 *       {@code http://host:port/<war name>/jwks/...}, the same resource of the same WAR.</li>
 * </ul>
 */
public final class TckArchiveProcessor implements ApplicationArchiveProcessor {
    /** The one property that selects the MicroProfile-compatible profile. */
    static final String PROFILE = "jwtguard.profile=mp-compat";

    /** What the TCK expects an implementation to know when a WAR brings no configuration. */
    static final String DEFAULT_CONFIG = "mp.jwt.verify.publickey.location=/publicKey.pem\n"
            + "mp.jwt.verify.issuer=https://server.example.com\n";

    /**
     * Extra {@code key=value} lines, separated by {@code ;}, appended to every WAR's configuration
     * (a later value wins): the negative controls of README.md, for example
     * {@code -Dtck.extra-config=mp.jwt.verify.issuer=https://wrong.example}. Empty in a normal run.
     */
    static final String EXTRA_CONFIG = "jwtguard.tck.extra-config";

    /** Which container the suite runs in: {@code jetty} (default), {@code liberty}, {@code payara}, {@code wildfly} or {@code tomee}. */
    static final String CONTAINER = "jwtguard.tck.container";

    /**
     * Folder of the jars a WAR carries on a server (filled by the server profile's
     * copy-dependencies): what an application using JWT Guard puts in {@code WEB-INF/lib} there.
     */
    static final String APP_LIBS = "jwtguard.tck.app-libs";

    /** The TCK's base URL for its key-location tests (set by the pom). */
    static final String JWKS_BASE_URL = "mp.jwt.tck.jwks.baseURL";

    private static final String LIBERTY_WEB_EXT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-ext xmlns=\"http://websphere.ibm.com/xml/ns/javaee\" version=\"1.0\">\n"
            + "  <context-root uri=\"/\"/>\n"
            + "</web-ext>\n";

    private static final String PAYARA_WEB = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<payara-web-app>\n"
            + "  <context-root>/</context-root>\n"
            + "</payara-web-app>\n";

    private static final String JBOSS_WEB = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<jboss-web>\n"
            + "  <context-root>/</context-root>\n"
            + "</jboss-web>\n";

    /**
     * WildFly gives its MicroProfile JWT API module only to deployments its own MP-JWT subsystem
     * activates; this makes it visible to every deployment, subsystem on or off, so the WAR carries
     * no second copy.
     */
    private static final String JBOSS_DEPLOYMENT_STRUCTURE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<jboss-deployment-structure>\n"
            + "  <deployment>\n"
            + "    <dependencies>\n"
            + "      <module name=\"org.eclipse.microprofile.jwt.auth.api\"/>\n"
            + "    </dependencies>\n"
            + "  </deployment>\n"
            + "</jboss-deployment-structure>\n";

    private static final String MANIFEST_CONFIG = "/META-INF/microprofile-config.properties";
    private static final String CLASSPATH_CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

    private static final String ROOT_CONTEXT = "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE Configure PUBLIC \"-//Jetty//Configure//EN\" \"https://eclipse.dev/jetty/configure_10_0.dtd\">\n"
            + "<Configure class=\"org.eclipse.jetty.ee9.webapp.WebAppContext\">\n"
            + "  <Set name=\"contextPath\">/</Set>\n"
            + "</Configure>\n";

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (!(archive instanceof WebArchive)) {
            return;
        }
        WebArchive war = (WebArchive) archive;
        String config;
        if (war.contains(CLASSPATH_CONFIG)) {
            config = read(war.get(CLASSPATH_CONFIG));
        } else if (war.contains(MANIFEST_CONFIG)) {
            config = read(war.get(MANIFEST_CONFIG));
        } else {
            config = DEFAULT_CONFIG;
        }
        String container = System.getProperty(CONTAINER, "jetty");
        if ("tomee".equals(container)) {
            config = inWarContext(config, war.getName());
        }
        String extra = String.join("\n", System.getProperty(EXTRA_CONFIG, "").split(";"));
        String merged = config + "\n" + PROFILE + "\n" + extra + "\n";
        war.addAsResource(new StringAsset(merged), "META-INF/microprofile-config.properties");
        if ("wildfly".equals(container) && war.contains(MANIFEST_CONFIG)) {
            // WildFly's MicroProfile Config also reads the WAR's own META-INF/microprofile-config.properties,
            // with the same ordinal: the TCK's original there would hide the extra lines
            war.addAsManifestResource(new StringAsset(merged), "microprofile-config.properties");
        }
        if ("jetty".equals(container)) {
            war.addAsWebInfResource(new StringAsset(ROOT_CONTEXT), "jetty-web.xml");
            return;
        }
        if ("liberty".equals(container)) {
            war.addAsWebInfResource(new StringAsset(LIBERTY_WEB_EXT), "ibm-web-ext.xml");
        } else if ("payara".equals(container)) {
            war.addAsWebInfResource(new StringAsset(PAYARA_WEB), "payara-web.xml");
        } else if ("wildfly".equals(container)) {
            war.addAsWebInfResource(new StringAsset(JBOSS_WEB), "jboss-web.xml");
            addServerDescriptors(war);
        } else if (!"tomee".equals(container)) {
            throw new IllegalStateException(CONTAINER + "=" + container + ": expected jetty, liberty, payara, wildfly or tomee");
        }
        for (Path jar : appLibs()) {
            war.addAsLibrary(jar.toFile(), jar.getFileName().toString());
        }
    }

    /**
     * Adds what a WAR needs on the server in use besides its jars: on WildFly,
     * {@code WEB-INF/jboss-deployment-structure.xml} giving it the server's MP JWT API module.
     *
     * @param war the WAR
     */
    static void addServerDescriptors(WebArchive war) {
        if ("wildfly".equals(System.getProperty(CONTAINER, "jetty"))) {
            war.addAsWebInfResource(new StringAsset(JBOSS_DEPLOYMENT_STRUCTURE), "jboss-deployment-structure.xml");
        }
    }

    /**
     * @param config a WAR's configuration
     * @param warName the WAR's file name, {@code Name.war}: TomEE's context root {@code /Name}
     * @return the configuration with URLs under {@value #JWKS_BASE_URL} moved under the WAR's context
     */
    static String inWarContext(String config, String warName) {
        String base = System.getProperty(JWKS_BASE_URL, "");
        if (base.isEmpty()) {
            return config;
        }
        String root = base.endsWith("/") ? base : base + "/";
        String context = warName.endsWith(".war") ? warName.substring(0, warName.length() - 4) : warName;
        // properties files escape ':' as '\:' when written by java.util.Properties
        String escaped = root.replace(":", "\\:");
        return config.replace(root, root + context + "/").replace(escaped, escaped + context + "/");
    }

    /** @return true when the suite runs on a server (Liberty, Payara, WildFly, TomEE) rather than embedded */
    static boolean onServer() {
        return !"jetty".equals(System.getProperty(CONTAINER, "jetty"));
    }

    /** @return the jars a WAR carries on a server ({@value #APP_LIBS}) */
    static List<Path> appLibs() {
        String dir = System.getProperty(APP_LIBS);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException(APP_LIBS + " is not set");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalStateException("no jars in " + dir);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Node node) {
        Asset asset = node.getAsset();
        try (InputStream in = asset.openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
