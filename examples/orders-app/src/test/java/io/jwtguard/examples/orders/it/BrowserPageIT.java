package io.jwtguard.examples.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser page in Debian's headless chromium (driven by Debian's chromium-driver; nothing is
 * downloaded): log in, call the API, outlive the access token through silent refresh, reload, log
 * out; no token is readable from {@code localStorage}, {@code sessionStorage} or
 * {@code document.cookie}. With DPoP: the tokens are bound to the page's key, the key cannot be
 * exported, and a token or proof copied out of the page is refused when another client replays
 * it. Without IndexedDB the page falls back to bearer tokens and says so. Screenshots land in
 * {@code target/screenshots}. Without chromium the test is skipped, except on CI
 * ({@code CI=true}), where it fails.
 *
 * <p>The test copies tokens and proofs out of the page the way injected script would: a wrapper
 * around {@code window.fetch}, installed before the page's own scripts run, records the
 * {@code Authorization} and {@code DPoP} headers of every request. The page has no hook of its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserPageIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final String TOKEN_LEAKS = "return [localStorage.length, sessionStorage.length, document.cookie,"
            + " JSON.stringify(Object.assign({}, localStorage)), JSON.stringify(Object.assign({}, sessionStorage))]"
            + ".join('|');";
    /** Records the headers of every fetch, as an injected script could. */
    private static final String FETCH_RECORDER = "(() => { const original = window.fetch; const sent = [];"
            + " Object.defineProperty(window, 'ordersItSent', {value: sent});"
            + " window.fetch = function (input, init) { const headers = new Headers((init && init.headers) || {});"
            + " sent.push({url: new URL(String(input), document.baseURI).href, method: (init && init.method) || 'GET',"
            + " authorization: headers.get('Authorization'), dpop: headers.get('DPoP')});"
            + " return original.apply(this, arguments); }; })();";
    /**
     * A server that wants nonces, as far as the page can tell: the first proof-carrying login and
     * {@code GET api/me} are answered, without reaching the server, with RFC 9449's
     * {@code use_dpop_nonce} refusals (400 JSON, and 401 with its challenge) and a {@code DPoP-Nonce}.
     * JWT Guard issues no nonces yet and ignores the claim in the retried proofs.
     */
    private static final String NONCE_ASKING_SERVER = "(() => { const inner = window.fetch; const asked = new Set();"
            + " window.fetch = function (input, init) {"
            + "  const path = new URL(String(input), document.baseURI).pathname;"
            + "  const proof = new Headers((init && init.headers) || {}).get('DPoP');"
            + "  const login = path.endsWith('/auth/login');"
            + "  if (proof && !asked.has(path) && (login || path.endsWith('/api/me'))) { asked.add(path);"
            + "   return Promise.resolve(login"
            + "    ? new Response('{\"error\":\"use_dpop_nonce\"}', {status: 400,"
            + "       headers: {'Content-Type': 'application/json', 'DPoP-Nonce': 'nonce-for-login'}})"
            + "    : new Response('', {status: 401, headers: {'DPoP-Nonce': 'nonce-for-api',"
            + "       'WWW-Authenticate': 'DPoP realm=\"orders\", error=\"use_dpop_nonce\"'}})); }"
            + "  return inner.apply(this, arguments); }; })();";
    /** What a browser without IndexedDB looks like to the page. */
    private static final String NO_INDEXED_DB = "Object.defineProperty(window, 'indexedDB', {value: undefined});";
    /** Same-origin script that reads the stored key pair and tries to export its private key. */
    private static final String EXPORT_STORED_KEY = "const done = arguments[0];"
            + " const open = indexedDB.open('jwtguard-orders', 1);"
            + " open.onerror = () => done('no database');"
            + " open.onsuccess = () => { const request = open.result.transaction('keys').objectStore('keys').get('dpop');"
            + "  request.onsuccess = async () => { const pair = request.result; open.result.close();"
            + "   if (!pair) { done('no key'); return; }"
            + "   const outcomes = ['extractable=' + pair.privateKey.extractable];"
            + "   for (const format of ['pkcs8', 'jwk']) {"
            + "    try { await crypto.subtle.exportKey(format, pair.privateKey); outcomes.push(format + ':exported'); }"
            + "    catch (e) { outcomes.push(format + ':' + e.name); } }"
            + "   done(outcomes.join(' ')); }; };";

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
                "--window-size=1100,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        beforePageScripts(FETCH_RECORDER);
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

    /** Each test starts without a refresh cookie, whatever the one before left. */
    @BeforeEach
    void withoutCookies() {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Runs {@code script} in every new document before its own scripts; @return its identifier. */
    private static String beforePageScripts(String script) {
        return String.valueOf(browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", script)).get("identifier"));
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

    private static Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String storage() {
        return String.valueOf(script(TOKEN_LEAKS));
    }

    /** Runs a refresh from the page's origin, as the page would; @return its HTTP status. */
    private static long refreshStatusFromPage() {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + "fetch('oauth/token', {method: 'POST', credentials: 'same-origin', headers: {'X-JWT-Guard-CSRF': '1',"
                + " 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'grant_type=refresh_token'})"
                + ".then(r => done(r.status), e => done(-1));");
        return ((Number) status).longValue();
    }

    /** A request the page sent, as the fetch recorder saw it. */
    record Sent(String url, String method, String authorization, String dpop) {
        String token() {
            return authorization.substring(authorization.indexOf(' ') + 1);
        }
    }

    /** @return the page's requests to {@code path} (relative to the base URL) so far, oldest first */
    @SuppressWarnings("unchecked")
    private static List<Sent> sent(String method, String path) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) script("return window.ordersItSent;");
        return all.stream().filter(r -> r.get("url").equals(Http.BASE + path) && r.get("method").equals(method))
                .map(r -> new Sent((String) r.get("url"), (String) r.get("method"), (String) r.get("authorization"),
                        (String) r.get("dpop")))
                .toList();
    }

    private static Sent lastSent(String method, String path) {
        List<Sent> matching = sent(method, path);
        assertThat(matching).as("the page's %s %s requests", method, path).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    private static JsonObject part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jkt(String token) {
        return part(token, 1).getJsonObject("cnf").getString("jkt");
    }

    private void logIn(String user, String password) {
        browser.get(Http.BASE);
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("status"), "Not signed in."));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("who"), user));
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "GET api/me -> 200"));
    }

    private void click(String button, String expectedOutput) {
        browser.findElement(By.id(button)).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), expectedOutput));
    }

    private void logOut() {
        browser.findElement(By.id("logout-button")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Logged out"));
        assertThat(storage()).isEqualTo("0|0||{}|{}");
        assertThat(refreshStatusFromPage()).isEqualTo(400); // the cookie is gone and its family revoked
    }

    @Test
    void loginCallRefreshReloadLogoutWithDPoPBoundTokens() throws IOException {
        logIn("alice", "wonderland");
        long loggedInAt = System.nanoTime();
        assertThat(text("output")).contains("\"name\":\"alice\"");
        assertThat(storage()).isEqualTo("0|0||{}|{}");
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
        assertThat(text("token-type")).isEqualTo("DPoP-bound");
        assertThat(text("protection")).startsWith("Sender-constrained");

        // login carried a proof without ath; the token is bound to the page's key
        String loginProof = lastSent("POST", "auth/login").dpop();
        assertThat(loginProof).isNotNull();
        JsonObject loginHeader = part(loginProof, 0);
        assertThat(loginHeader.getString("typ")).isEqualTo("dpop+jwt");
        assertThat(loginHeader.getString("alg")).isEqualTo("ES256");
        assertThat(loginHeader.getJsonObject("jwk").keySet()).containsExactlyInAnyOrder("kty", "crv", "x", "y");
        assertThat(part(loginProof, 1).getString("htu")).isEqualTo(Http.BASE + "auth/login");
        assertThat(part(loginProof, 1).getString("htm")).isEqualTo("POST");
        assertThat(part(loginProof, 1).containsKey("ath")).isFalse();
        Sent me = lastSent("GET", "api/me");
        assertThat(me.authorization()).startsWith("DPoP ");
        String token = me.token();
        String keyThumbprint = text("key-jkt");
        assertThat(jkt(token)).isEqualTo(keyThumbprint);
        assertThat(text("claims")).contains("\"jkt\": \"" + keyThumbprint + "\"");
        assertThat(part(me.dpop(), 1).getString("ath")).isEqualTo(sha256(token));
        assertThat(part(me.dpop(), 1).getString("htu")).isEqualTo(Http.BASE + "api/me");

        // the private key stays in the browser: even same-origin script that reads IndexedDB cannot export it
        assertThat(String.valueOf(((JavascriptExecutor) browser).executeAsyncScript(EXPORT_STORED_KEY)))
                .isEqualTo("extractable=false pkcs8:InvalidAccessError jwk:InvalidAccessError");

        // another client with the copied token but not the key: refused, with and without a copied proof
        Http.Reply noProof = Http.to("api/me").header("Authorization", "DPoP " + token).get();
        assertThat(noProof.status()).as(noProof.toString()).isEqualTo(401);
        assertThat(noProof.challenge()).contains("error=\"invalid_dpop_proof\"").contains("missing");
        Http.Reply asBearer = Http.to("api/me").bearer(token).get();
        assertThat(asBearer.status()).as(asBearer.toString()).isEqualTo(401);
        assertThat(asBearer.challenge()).contains("error=\"invalid_token\"").contains("DPoP scheme");
        Http.Reply replayed = Http.to("api/me").header("Authorization", "DPoP " + token).header("DPoP", me.dpop()).get();
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(401);
        assertThat(replayed.challenge()).contains("error=\"invalid_dpop_proof\"").contains("already used");
        Http.Reply otherUrl = Http.to("api/orders").header("Authorization", "DPoP " + token).header("DPoP", me.dpop())
                .get();
        assertThat(otherUrl.status()).as(otherUrl.toString()).isEqualTo(401);
        assertThat(otherUrl.challenge()).contains("error=\"invalid_dpop_proof\"").contains("another URI");
        click("order-button", "POST api/orders -> 20");
        Sent order = lastSent("POST", "api/orders");
        Http.Reply otherMethod = Http.to("api/orders").header("Authorization", "DPoP " + order.token())
                .header("DPoP", order.dpop()).get();
        assertThat(otherMethod.status()).as(otherMethod.toString()).isEqualTo(401);
        assertThat(otherMethod.challenge()).contains("error=\"invalid_dpop_proof\"").contains("another HTTP method");
        // the control: the same token with a fresh proof from the page still works
        click("me-button", "GET api/me -> 200");
        assertThat(lastSent("GET", "api/me").authorization()).startsWith("DPoP ");

        // the page's own attacker button shows the same refusals
        browser.findElement(By.id("attack-button")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("attack-output"), "Refused"));
        assertThat(text("attack-output")).contains("DPoP <token>, no DPoP proof -> 401")
                .contains("Bearer <token>, no DPoP proof -> 401").contains("error=\"invalid_dpop_proof\"");
        screenshot("orders-page-attacker-refused");

        // outlive the first access token (10 s lifetime, 1 s skew): the page refreshes it silently
        waitUpTo(2 * OrdersDeployment.ACCESS_TOKEN_SECONDS).until(
                ExpectedConditions.not(ExpectedConditions.textToBe(By.id("refresh-count"), "0")));
        long sinceLogin = Duration.ofNanos(System.nanoTime() - loggedInAt).toSeconds();
        long beyondExpiry = OrdersDeployment.ACCESS_TOKEN_SECONDS + 2 - sinceLogin;
        if (beyondExpiry > 0) {
            waitUpTo((int) beyondExpiry + 10).until(d -> Duration.ofNanos(System.nanoTime() - loggedInAt).toSeconds()
                    >= OrdersDeployment.ACCESS_TOKEN_SECONDS + 2);
        }
        click("orders-button", "GET api/orders -> 200");
        assertThat(text("output")).contains("\"owner\":\"alice\"");
        assertThat(storage()).isEqualTo("0|0||{}|{}");
        Sent refresh = lastSent("POST", "oauth/token");
        assertThat(part(refresh.dpop(), 1).getString("htu")).isEqualTo(Http.BASE + "oauth/token");
        assertThat(part(refresh.dpop(), 0).getJsonObject("jwk")).isEqualTo(loginHeader.getJsonObject("jwk"));
        String refreshed = lastSent("GET", "api/orders").token();
        assertThat(part(refreshed, 1).getString("jti")).isNotEqualTo(part(token, 1).getString("jti"));
        assertThat(jkt(refreshed)).isEqualTo(keyThumbprint);
        assertThat(text("events")).contains("Silent refresh").contains("rotated the refresh token");
        screenshot("orders-page-signed-in");

        // a reload forgets the token; IndexedDB kept the key the refresh family is bound to
        browser.navigate().refresh();
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("who"), "alice"));
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "GET api/me -> 200"));
        assertThat(text("key-jkt")).isEqualTo(keyThumbprint);
        assertThat(jkt(lastSent("GET", "api/me").token())).isEqualTo(keyThumbprint);
        assertThat(text("events")).contains("Found this browser's key in IndexedDB");

        logOut();
        // logout forgets the key: the next login gets a new one
        waitUpTo(10).until(d -> {
            String now = d.findElement(By.id("key-jkt")).getAttribute("textContent"); // hidden while signed out
            return now.length() == keyThumbprint.length() && !now.equals(keyThumbprint);
        });
        screenshot("orders-page-logged-out");
    }

    @Test
    void whenTheServerAsksForANonceThePageRetriesOnceWithIt() {
        String nonces = beforePageScripts(NONCE_ASKING_SERVER);
        try {
            logIn("alice", "wonderland");

            assertThat(part(lastSent("POST", "auth/login").dpop(), 1).getString("nonce")).isEqualTo("nonce-for-login");
            Sent me = lastSent("GET", "api/me");
            assertThat(part(me.dpop(), 1).getString("nonce")).isEqualTo("nonce-for-api");
            assertThat(part(me.dpop(), 1).getString("ath")).isEqualTo(sha256(me.token()));
            assertThat(text("token-type")).isEqualTo("DPoP-bound");
            assertThat(text("events")).contains("asked for a fresh nonce");
            logOut();
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", nonces));
        }
    }

    @Test
    void withoutIndexedDbThePageFallsBackToVisibleBearerTokens() throws IOException {
        String hidden = beforePageScripts(NO_INDEXED_DB);
        try {
            logIn("bob", "builder");
            assertThat(browser.findElement(By.id("banner")).isDisplayed()).isTrue();
            assertThat(text("banner")).startsWith("Not sender-constrained.");
            assertThat(text("token-type")).isEqualTo("Bearer");
            Sent me = lastSent("GET", "api/me");
            assertThat(me.authorization()).startsWith("Bearer ");
            assertThat(me.dpop()).isNull();
            assertThat(part(me.token(), 1).containsKey("cnf")).isFalse();
            assertThat(storage()).isEqualTo("0|0||{}|{}");

            // what the banner warns about: the copied bearer token works from anywhere
            browser.findElement(By.id("attack-button")).click();
            waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("attack-output"), "works"));
            assertThat(text("attack-output")).contains("Bearer <token>, no DPoP proof -> 200");
            screenshot("orders-page-bearer-fallback");
            logOut();
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", hidden));
        }
    }
}
