package io.jwtguard.examples.orders.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Prints where the example runs and how to get a token with curl, once the application has
 * started. The address is {@code orders.url} from MicroProfile Config. Prints no secret: the demo
 * passwords are documented in the README, and only their hashes are configured.
 */
@WebListener
public class StartupBanner implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        String url = ConfigProvider.getConfig().getOptionalValue("orders.url", String.class)
                .orElse("http://127.0.0.1:9080/orders/");
        String base = url.endsWith("/") ? url : url + "/";
        System.out.println(String.join(System.lineSeparator(),
                "",
                "==== JWT Guard orders example is up ====",
                "Browser page:  " + base,
                "Get a token:   TOKEN=$(curl -s -d username=alice -d password=wonderland " + base
                        + "auth/login | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
                "Call the API:  curl -H \"Authorization: Bearer $TOKEN\" " + base + "api/me",
                "Public keys:   curl " + base + ".well-known/jwks.json",
                "Stop with Ctrl+C.",
                ""));
    }
}
