package io.jwtguard.tck.harness;

import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * WARs of the authorization suite for the container in use ({@value TckArchiveProcessor#CONTAINER}): on Open
 * Liberty, Payara Micro, WildFly or TomEE with JWT Guard and its libraries in {@code WEB-INF/lib} (as an application
 * packages them), in the embedded container with what it needs for a non-testable WAR (beans.xml, Weld
 * first, RESTEasy's CDI injector). JWT Guard runs in its default hardened profile.
 */
public final class Wars {
    private Wars() {
    }

    /**
     * @param name the WAR's name (its context root on both containers)
     * @param config the text of {@code META-INF/microprofile-config.properties}
     * @return the WAR, to which the caller adds its classes
     */
    public static WebArchive war(String name, String config) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        if (TckArchiveProcessor.onServer()) {
            for (Path jar : TckArchiveProcessor.appLibs()) {
                war.addAsLibrary(jar.toFile(), jar.getFileName().toString());
            }
            TckArchiveProcessor.addServerDescriptors(war);
        } else {
            war.addAsWebInfResource("beans.xml")
                    .addAsWebInfResource("jetty-env.xml")
                    .addAsLibraries(ShrinkWrap.create(JavaArchive.class, "resteasy-cdi.jar")
                            .addAsManifestResource("web-fragment.xml"));
        }
        return war;
    }
}
