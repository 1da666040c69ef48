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
}
