package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerConstraintsTest {

    private static InputStream xml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void declaresWhenWebXmlHasASecurityConstraintThenItIsFound() {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection><url-pattern>/admin/*</url-pattern></web-resource-collection>
                    <auth-constraint><role-name>admin</role-name></auth-constraint>
                  </security-constraint>
                </web-app>""";

        assertThat(ContainerConstraints.declares(xml(webXml), "WEB-INF/web.xml"))
                .hasValue("WEB-INF/web.xml: <security-constraint>");
    }

    @Test
    void declaresWhenWebXmlOnlyConfiguresTheApplicationThenNothingIsFound() {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param><param-name>security-constraint</param-name><param-value>x</param-value></context-param>
                  <security-role><role-name>admin</role-name></security-role>
                  <login-config><auth-method>MP-JWT</auth-method></login-config>
                </web-app>""";

        assertThat(ContainerConstraints.declares(xml(webXml), "WEB-INF/web.xml")).isEmpty();
    }

    @Test
    void declaresWhenTheDescriptorIsBrokenThenItCountsAsAConstraint() {
        assertThat(ContainerConstraints.declares(xml("<web-app><servlet>"), "WEB-INF/web.xml"))
                .hasValueSatisfying(found -> assertThat(found).startsWith("WEB-INF/web.xml (cannot be parsed"));
    }

    @Test
    void declaresWhenTheDescriptorRefersToAnExternalEntityThenTheEntityIsNeverRead(@TempDir Path folder)
            throws Exception {
        Path secret = folder.resolve("secret.txt");
        Files.writeString(secret, "<security-constraint/>");
        String webXml = "<!DOCTYPE web-app [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>"
                + "<web-app>&leak;</web-app>";

        // had the entity been expanded, its text would read as a constraint; unresolved, the parse fails
        assertThat(ContainerConstraints.declares(xml(webXml), "WEB-INF/web.xml"))
                .hasValueSatisfying(found -> assertThat(found).contains("cannot be parsed"));
    }

    private static final String CONSTRAINED = """
            <web-app><security-constraint><auth-constraint><role-name>admin</role-name></auth-constraint>
            </security-constraint></web-app>""";

    @Test
    void beforeStartWhenAClassOfWebInfClassesLocatesAConstrainedWebXmlThenTheConstraintIsFound(@TempDir Path app)
            throws Exception {
        Path type = app.resolve("WEB-INF/classes/com/example/Orders.class");
        Files.createDirectories(type.getParent());
        Files.write(type, new byte[] {1});
        Files.writeString(app.resolve("WEB-INF/web.xml"), CONSTRAINED);
        ClassLoader none = new java.net.URLClassLoader(new java.net.URL[0], null);

        assertThat(ContainerConstraints.beforeStart(none, ContainerConstraints.webXmlBeside(type.toUri().toURL()), null))
                .containsExactly("WEB-INF/web.xml: <security-constraint>");
    }

    @Test
    void beforeStartWhenTheLocatedWebXmlDoesNotExistThenNothingIsFound(@TempDir Path app) throws Exception {
        Path type = app.resolve("WEB-INF/classes/com/example/Orders.class");
        ClassLoader none = new java.net.URLClassLoader(new java.net.URL[0], null);

        assertThat(ContainerConstraints.beforeStart(none, ContainerConstraints.webXmlBeside(type.toUri().toURL()), null))
                .isEmpty();
    }

    @Test
    void beforeStartWhenNoClassOfTheApplicationWasFoundThenTheUnknownDescriptorCountsAsAConstraint() {
        ClassLoader none = new java.net.URLClassLoader(new java.net.URL[0], null);

        assertThat(ContainerConstraints.beforeStart(none, java.util.Optional.empty(), "jrt:/java.base/java/lang/Object.class"))
                .singleElement().asString().startsWith("WEB-INF/web.xml (cannot be located")
                .contains("jrt:/java.base/java/lang/Object.class");
    }

    @Test
    void webXmlBesideWhenTheClassIsAServerOrApiClassThenNothingIsLocated() throws Exception {
        assertThat(ContainerConstraints.webXmlBeside(new java.net.URL(
                "jar:file:/opt/server/lib/jakarta.ws.rs-api.jar!/jakarta/ws/rs/core/Application.class"))).isEmpty();
        assertThat(ContainerConstraints.webXmlBeside(null)).isEmpty();
    }

    @Test
    void webXmlBesideWhenTheClassIsInALibraryJarThenWebXmlIsBesideWebInfLib() throws Exception {
        // a packed WAR (the jar inside the WAR) and an expanded one (the jar in a folder)
        assertThat(ContainerConstraints.webXmlBeside(new java.net.URL(
                "jar:file:/apps/orders.war!/WEB-INF/lib/orders-api.jar!/com/example/Api.class")))
                .hasValueSatisfying(url -> assertThat(url.toString()).isEqualTo("jar:file:/apps/orders.war!/WEB-INF/web.xml"));
        assertThat(ContainerConstraints.webXmlBeside(new java.net.URL(
                "jar:file:/apps/orders/WEB-INF/lib/orders-api.jar!/com/example/Api.class")))
                .hasValueSatisfying(url -> assertThat(url.toString()).isEqualTo("file:/apps/orders/WEB-INF/web.xml"));
    }
}
