package dev.finerouter.engine.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenAI-compatible {@code /v1/chat/completions} server on 127.0.0.1 (port 0) with per-request fault
 * injection: faults queued with {@link #enqueue} are consumed one per request, in arrival order; once the queue is
 * empty requests succeed, answering {@code "Describes: <user message>"} wrapped in quotes plus a second line.
 */
public final class FakeChatServer implements AutoCloseable {
    enum Fault { TIMEOUT, HTTP_500, HTTP_429, GARBAGE, NO_CHOICES, HTTP_401, EMPTY_ANSWER }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final AtomicInteger requests = new AtomicInteger();
    private static final String ANSWERED = "fake-chat-server.answered";
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile long successDelayMs;
    volatile long timeoutSleepMs = 2_000;

    public FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeChatServer enqueue(Fault... fs) {
        faults.addAll(List.of(fs));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        requests.incrementAndGet();
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode json = JSON.readTree(body);
            bodies.add(json);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "<none>" : auth);
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "{\"error\":\"POST only\"}");
                return;
            }
            Fault fault = faults.poll();
            if (fault != null) {
                switch (fault) {
                    case TIMEOUT -> {
                        sleep(timeoutSleepMs);
                        send(ex, 200, answer("too late"));
                    }
                    case HTTP_500 -> send(ex, 500, "{\"error\":\"internal\"}");
                    case HTTP_429 -> {
                        ex.getResponseHeaders().add("Retry-After", "1");
                        send(ex, 429, "{\"error\":\"slow down\"}");
                    }
                    case GARBAGE -> send(ex, 200, "<html>not json{");
                    case NO_CHOICES -> send(ex, 200, "{\"id\":\"x\",\"choices\":[]}");
                    case EMPTY_ANSWER -> send(ex, 200, answer("  \"\"  "));
                    case HTTP_401 -> send(ex, 401, "{\"error\":{\"message\":\"Invalid API key\"}}");
                    default -> throw new IllegalStateException();
                }
                return;
            }
            sleep(successDelayMs);
            String user = json.path("messages").path(1).path("content").asText();
            send(ex, 200, answer("\n\"Describes: " + user + "\"\nSure! Here is more text."));
        } finally {
            if (ex.getAttribute(ANSWERED) == null) {
                inFlight.decrementAndGet(); // no answer was sent (an exception): still no longer in flight
            }
        }
    }

    private static String answer(String content) throws IOException {
        var root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1");
        root.put("object", "chat.completion");
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        return JSON.writeValueAsString(root);
    }

    /**
     * Answers the exchange. The request leaves {@link #inFlight} before the answer does: once the client has the answer
     * it may send its next request, and counting the answered one until the handler returns made that next request
     * look like one more in flight than the client's bound (a race the concurrency test lost on a loaded machine).
     */
    private void send(HttpExchange ex, int status, String body) throws IOException {
        ex.setAttribute(ANSWERED, Boolean.TRUE);
        inFlight.decrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
