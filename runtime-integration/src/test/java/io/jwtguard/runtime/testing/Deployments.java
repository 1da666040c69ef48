package io.jwtguard.runtime.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds test WARs: application classes plus a {@code microprofile-config.properties}. */
public final class Deployments {
    private Deployments() {
    }

    /** The configuration every test app starts from: the trusted key, issuer and audience. */
    public static Map<String, String> baseConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey", TestTokens.trustedPublicKey());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        config.put("jwtguard.realm", "orders");
        return config;
    }

    /**
     * A CDI + JAX-RS WAR with {@code classes} and {@code config} as
     * {@code META-INF/microprofile-config.properties}. Adds what the embedded container needs
     * (the same resources as smallrye-testing-tck-jetty's archive processor, which Arquillian
     * applies to testable deployments only): {@code beans.xml}, Weld before other initializers,
     * RESTEasy's CDI injector; and child-first class loading, as on a real server.
     */
    public static WebArchive war(String name, Map<String, String> config, Class<?>... classes) {
        return baseWar(name, config, classes)
                .addAsWebInfResource(new StringAsset(CHILD_FIRST), "jetty-web.xml")
                .addAsWebInfResource("beans.xml")
                .addAsWebInfResource("jetty-env.xml")
                .addAsLibraries(ShrinkWrap.create(JavaArchive.class, "resteasy-cdi.jar")
                        .addAsManifestResource("web-fragment.xml"));
    }

    /**
     * A WAR without CDI: Weld is hidden from it (a Jetty server class, like a servlet container
     * that has no CDI), so only the servlet initializer and filter of JWT Guard can act.
     */
    public static WebArchive servletWar(String name, Map<String, String> config, Class<?>... classes) {
        // jetty-env.xml keeps Weld's container detection on Jetty's CDI integration even when it finds nothing
        return baseWar(name, config, classes).addAsWebInfResource(new StringAsset(NO_CDI), "jetty-web.xml")
                .addAsWebInfResource("jetty-env.xml");
    }

    /**
     * @param config context parameters
     * @return a {@code web.xml} (Jakarta EE, Servlet 5) that holds only these context parameters: how a
     *     servlet-only application without MicroProfile Config carries its settings
     */
    public static StringAsset webXmlWithContextParams(Map<String, String> config) {
        StringBuilder params = new StringBuilder();
        config.forEach((name, value) -> params.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        return new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"5.0\">\n" + params + "</web-app>\n");
    }

    /**
     * A WAR as on a plain servlet container (Tomcat): no CDI, no JAX-RS and no MicroProfile Config
     * (hidden from it as Weld is), so JWT Guard reads system properties, environment variables and
     * context init parameters itself.
     */
    public static WebArchive plainServletWar(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes)
                .addAsWebInfResource(new StringAsset(NO_CDI.replace("<Item>org.jboss.resteasy.</Item>",
                        "<Item>org.jboss.resteasy.</Item><Item>org.eclipse.microprofile.config.</Item>"
                        + "<Item>io.smallrye.config.</Item>")), "jetty-web.xml")
                .addAsWebInfResource("jetty-env.xml");
    }

    private static WebArchive baseWar(String name, Map<String, String> config, Class<?>... classes) {
        String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }

    private static final String CHILD_FIRST = "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE Configure PUBLIC \"-//Jetty//Configure//EN\" \"https://eclipse.dev/jetty/configure_10_0.dtd\">\n"
            + "<Configure class=\"org.eclipse.jetty.ee9.webapp.WebAppContext\">\n"
            + "  <Set name=\"parentLoaderPriority\">false</Set>\n"
            + "</Configure>\n";

    private static final String NO_CDI = CHILD_FIRST.replace("</Configure>",
            "  <Call name=\"addServerClassMatcher\"><Arg><New class=\"org.eclipse.jetty.ee9.webapp.ClassMatcher\">"
            + "<Arg><Array type=\"String\"><Item>org.jboss.weld.</Item><Item>org.jboss.resteasy.</Item></Array></Arg>"
            + "</New></Arg></Call>\n</Configure>");
}
