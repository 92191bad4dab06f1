package io.gpuledger.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: open a page, run a
 * script in it, take a screenshot. Nothing is downloaded; the browser is the system's ({@code /usr/bin/chromium},
 * Debian package {@code chromium}, or {@code $CHROMIUM_BIN}). Every wait is bounded, and {@link #close()} ends the
 * browser process this session started.
 */
final class ChromiumSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();
    private final String sessionId;

    /** The browser binary: {@code $CHROMIUM_BIN}, else {@code /usr/bin/chromium}. */
    static Path binary() {
        String configured = System.getenv("CHROMIUM_BIN");
        return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
    }

    /** Starts Chromium and opens one page (a blank tab) to drive. */
    static ChromiumSession start() throws IOException, InterruptedException {
        Path binary = binary();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Chromium is not installed at " + binary
                    + ": install the Debian package 'chromium' (.ci/run does) or set CHROMIUM_BIN");
        }
        Path profile = Files.createTempDirectory("gpuledger-chromium-");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--hide-scrollbars", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String browserUrl = devToolsUrl(process);
            return new ChromiumSession(process, profile, browserUrl);
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            HttpFixtures.deleteRecursively(profile);
            throw e;
        }
    }

    /** Reads the browser's output until it names its DevTools endpoint (bounded), then keeps draining it. */
    private static String devToolsUrl(Process process) throws IOException, InterruptedException {
        CompletableFuture<String> found = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!found.isDone()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        Matcher match = DEVTOOLS_URL.matcher(line);
                        if (match.find()) {
                            found.complete(match.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
            found.completeExceptionally(new IOException("Chromium exited before opening DevTools"));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            synchronized (output) {
                throw new IOException("Chromium did not open DevTools within " + STEP_TIMEOUT.toSeconds() + " s: "
                        + output, e);
            }
        }
    }

    private ChromiumSession(Process process, Path profile, String browserUrl) throws IOException,
            InterruptedException {
        this.process = process;
        this.profile = profile;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            this.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(browserUrl), new Listener())
                    .get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to Chromium's DevTools at " + browserUrl + ": " + e, e);
        }
        String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        this.sessionId = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asText();
        call(sessionId, "Page.enable", Map.of());
        call(sessionId, "Runtime.enable", Map.of());
    }

    /** Sets the viewport (CSS pixels), e.g. 1280 for a laptop, 390 for a phone. */
    void viewport(int width, int height, boolean mobile) {
        call(sessionId, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Opens {@code url} and waits for its load event. */
    void open(String url) {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaitedEvents.put("Page.loadEventFired", loaded);
        JsonNode result = call(sessionId, "Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("Chromium could not open " + url + ": " + result.get("errorText"));
        }
        await(loaded, "load of " + url);
    }

    /** Evaluates {@code expression} in the page and returns its value (JSON-compatible values only). */
    JsonNode evaluate(String expression) {
        JsonNode result = call(sessionId, "Runtime.evaluate", Map.of("expression", expression,
                "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed in the page: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page (beyond the viewport), written to {@code file}. */
    void screenshot(Path file) throws IOException {
        JsonNode result = call(sessionId, "Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(result.path("data").asText()));
    }

    private JsonNode call(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true);
        JsonNode reply = await(answer, method);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private static JsonNode await(CompletableFuture<JsonNode> future, String what) {
        try {
            return future.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Chromium: no answer to " + what + " within " + STEP_TIMEOUT.toSeconds()
                    + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Chromium: " + what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what);
        }
    }

    /** Collects each message's fragments, then completes the call it answers or the event awaited. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                try {
                    JsonNode json = JSON.readTree(text);
                    if (json.has("id")) {
                        CompletableFuture<JsonNode> call = pending.remove(json.get("id").asInt());
                        if (call != null) {
                            call.complete(json);
                        }
                    } else if (json.has("method")) {
                        CompletableFuture<JsonNode> event = awaitedEvents.remove(json.get("method").asText());
                        if (event != null) {
                            event.complete(json.path("params"));
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(call -> call.completeExceptionally(e));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(call -> call.completeExceptionally(error));
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (socket != null) {
                socket.abort();
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            HttpFixtures.deleteRecursively(profile);
        }
    }
}
