package io.jwtguard.benchmarks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The refresh race of the fault benchmark ({@code benchmarks/reliability/run-faults.sh race}): per
 * round, one login on the first node, then {@code --clients} clients (half on each node, each with
 * its own connection) present that login's refresh token at the same instant. Rotation is a
 * compare-and-set in the shared database, so exactly one client must win (200 with a new refresh
 * token); the others present a token that is already rotated, which is reuse: the family is revoked,
 * so the winner's new refresh token must be refused too.
 *
 * <p>Prints one line per round ({@code ROUND n winners=1 statuses=200:1,400:15 successor=refused})
 * and a {@code RACE} summary line; exits 1 when a round had not exactly one winner or the successor
 * was accepted. Never prints a token.
 *
 * <p>Usage: {@code RefreshRace --nodes http://127.0.0.1:19601/orders,http://127.0.0.1:19602/orders
 * [--rounds 50] [--clients 16] [--user alice --password wonderland]}.
 */
public final class RefreshRace {
    private static final Pattern COOKIE = Pattern.compile("__Host-jwtguard-refresh=([^;]+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> nodes;
    private final String user;
    private final String password;
    private final HttpClient login = client();

    private RefreshRace(List<String> nodes, String user, String password) {
        this.nodes = nodes;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        List<String> nodes = List.of();
        int rounds = 50;
        int clients = 16;
        String user = "alice";
        String password = "wonderland";
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--nodes" -> nodes = List.of(value.split(","));
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--user" -> user = value;
                case "--password" -> password = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (nodes.isEmpty() || rounds < 1 || clients < 2) {
            throw new IllegalArgumentException("--nodes is required; --rounds at least 1, --clients at least 2");
        }
        System.exit(new RefreshRace(nodes, user, password).run(rounds, clients) ? 0 : 1);
    }

    private boolean run(int rounds, int clients) throws Exception {
        // one HttpClient per racing client: its own connection, so the requests really run in parallel
        List<HttpClient> racers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            racers.add(client());
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int good = 0;
        Map<Integer, Integer> allStatuses = new TreeMap<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                String cookie = login(nodes.get(0));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    HttpClient client = racers.get(c);
                    String node = nodes.get(c % nodes.size());
                    answers.add(pool.submit(() -> {
                        start.await();
                        return client.send(refresh(node, cookie), HttpResponse.BodyHandlers.ofString());
                    }));
                }
                start.countDown();
                Map<Integer, Integer> statuses = new TreeMap<>();
                String successor = null;
                String winnerNode = null;
                int winners = 0;
                for (int c = 0; c < clients; c++) {
                    HttpResponse<String> answer = answers.get(c).get();
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    allStatuses.merge(answer.statusCode(), 1, Integer::sum);
                    if (answer.statusCode() == 200) {
                        winners++;
                        successor = refreshCookie(answer).orElse(null);
                        winnerNode = nodes.get(c % nodes.size());
                    }
                }
                // the losers presented a rotated token: reuse, so the whole family must be revoked
                String successorVerdict = "none";
                if (successor != null) {
                    int status = login.send(refresh(winnerNode, successor), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    successorVerdict = status == 200 ? "ACCEPTED" : "refused-" + status;
                }
                boolean ok = winners == 1 && successorVerdict.startsWith("refused");
                if (ok) {
                    good++;
                }
                System.out.printf("ROUND %d winners=%d statuses=%s successor=%s%s%n", round, winners, format(statuses),
                        successorVerdict, ok ? "" : " WRONG");
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("RACE rounds=%d clients=%d nodes=%d good_rounds=%d statuses=%s%n", rounds, clients,
                nodes.size(), good, format(allStatuses));
        return good == rounds;
    }

    // HTTP/1.1: the JDK client's default, an h2c upgrade of every first request, is not what a browser
    // sends over plain http, and is not what this race is about
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    private String login(String node) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node + "/auth/login")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build();
        HttpResponse<String> answer = login.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("login on " + node + " answered " + answer.statusCode());
        }
        return refreshCookie(answer).orElseThrow(() -> new IllegalStateException("login set no refresh cookie"));
    }

    private static HttpRequest refresh(String node, String cookie) {
        URI base = URI.create(node);
        return HttpRequest.newBuilder(URI.create(node + "/oauth/token")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "__Host-jwtguard-refresh=" + cookie)
                .header("X-JWT-Guard-CSRF", "1")
                .header("Origin", base.getScheme() + "://" + base.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token")).build();
    }

    private static Optional<String> refreshCookie(HttpResponse<?> answer) {
        for (String header : answer.headers().allValues("Set-Cookie")) {
            Matcher m = COOKIE.matcher(header);
            if (m.find() && !m.group(1).isEmpty()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static String format(Map<Integer, Integer> statuses) {
        StringBuilder out = new StringBuilder();
        statuses.forEach((status, n) -> out.append(out.length() == 0 ? "" : ",").append(status).append(':').append(n));
        return out.toString();
    }
}
