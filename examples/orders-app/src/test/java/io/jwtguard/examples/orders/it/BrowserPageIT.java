package io.jwtguard.examples.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser page in Debian's headless chromium (driven by Debian's chromium-driver; nothing is
 * downloaded): log in, call the API, outlive the access token through silent refresh, log out;
 * and no token is readable from {@code localStorage}, {@code sessionStorage} or
 * {@code document.cookie}. Screenshots land in {@code target/screenshots}. Without chromium the
 * test is skipped, except on CI ({@code CI=true}), where it fails.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserPageIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final String TOKEN_LEAKS = "return [localStorage.length, sessionStorage.length, document.cookie,"
            + " JSON.stringify(Object.assign({}, localStorage)), JSON.stringify(Object.assign({}, sessionStorage))]"
            + ".join('|');";

    private static ChromeDriver browser;
    private static Path profile;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return OrdersDeployment.war();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs Debian's chromium and chromium-driver (apt-get install chromium "
                    + "chromium-driver)");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        profile = Files.createTempDirectory("orders-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1100,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("orders.it.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String storage() {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(TOKEN_LEAKS));
    }

    /** Runs a refresh from the page's origin, as the page would; @return its HTTP status. */
    private static long refreshStatusFromPage() {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + "fetch('oauth/token', {method: 'POST', credentials: 'same-origin', headers: {'X-JWT-Guard-CSRF': '1',"
                + " 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'grant_type=refresh_token'})"
                + ".then(r => done(r.status), e => done(-1));");
        return ((Number) status).longValue();
    }

    @Test
    void loginCallRefreshLogoutWithoutReadableTokens() throws IOException {
        browser.get(Http.BASE);
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("status"), "Not signed in."));

        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("wonderland");
        browser.findElement(By.id("login-button")).click();
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("who"), "alice"));
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "GET api/me -> 200"));
        assertThat(text("output")).contains("\"name\":\"alice\"");
        assertThat(storage()).isEqualTo("0|0||{}|{}");
        long loggedInAt = System.nanoTime();

        // outlive the first access token (10 s lifetime, 1 s skew): the page refreshes it silently
        waitUpTo(2 * OrdersDeployment.ACCESS_TOKEN_SECONDS).until(
                ExpectedConditions.not(ExpectedConditions.textToBe(By.id("refresh-count"), "0")));
        long sinceLogin = Duration.ofNanos(System.nanoTime() - loggedInAt).toSeconds();
        long beyondExpiry = OrdersDeployment.ACCESS_TOKEN_SECONDS + 2 - sinceLogin;
        if (beyondExpiry > 0) {
            waitUpTo((int) beyondExpiry + 10).until(d -> Duration.ofNanos(System.nanoTime() - loggedInAt).toSeconds()
                    >= OrdersDeployment.ACCESS_TOKEN_SECONDS + 2);
        }
        browser.findElement(By.id("orders-button")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "GET api/orders -> 200"));
        assertThat(text("output")).contains("\"owner\":\"alice\"");
        assertThat(storage()).isEqualTo("0|0||{}|{}");
        screenshot("orders-page-signed-in");

        browser.findElement(By.id("logout-button")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Logged out"));
        assertThat(storage()).isEqualTo("0|0||{}|{}");
        assertThat(refreshStatusFromPage()).isEqualTo(400); // the cookie is gone and its family revoked
        screenshot("orders-page-logged-out");
    }
}
