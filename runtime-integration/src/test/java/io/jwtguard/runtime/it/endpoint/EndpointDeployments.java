package io.jwtguard.runtime.it.endpoint;

import io.jwtguard.runtime.it.servlet.WhoAmIServlet;
import io.jwtguard.runtime.testing.Deployments;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** A servlet-only WAR with the token service and its endpoints on, configured in web.xml. */
public final class EndpointDeployments {
    private EndpointDeployments() {
    }

    /** @param transport {@code cookie} or {@code body} */
    public static WebArchive war(String name, String transport) {
        return war(name, transport, Map.of());
    }

    /**
     * @param transport {@code cookie} or {@code body}
     * @param extra further properties, set last
     */
    public static WebArchive war(String name, String transport, Map<String, String> extra) {
        Map<String, String> config = Deployments.baseConfig();
        config.put("jwtguard.servlet-filter.enabled", "true");
        config.put("jwtguard.token-service.enabled", "true");
        config.put("jwtguard.issue.algorithm", "ES256");
        config.put("jwtguard.endpoints.enabled", "true");
        config.put("jwtguard.endpoints.refresh-token.transport", transport);
        config.putAll(extra);
        StringBuilder params = new StringBuilder();
        config.forEach((key, value) -> params.append("  <context-param><param-name>").append(key)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        String webXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"5.0\">\n" + params + "</web-app>\n";
        return Deployments.servletWar(name, Map.of(), WhoAmIServlet.class, LoginServlet.class)
                .setWebXML(new StringAsset(webXml));
    }
}
