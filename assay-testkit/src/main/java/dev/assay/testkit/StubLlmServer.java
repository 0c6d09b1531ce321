package dev.assay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local OpenAI-compatible server for tests and benchmarks: real HTTP/1.1 on 127.0.0.1, a free
 * port, deterministic answers and configurable faults.
 *
 * <p>Endpoints (under {@link #baseUrl()}, which ends in {@code /v1}): {@code POST
 * /chat/completions} answers the last {@code user} message; {@code POST /completions} answers the
 * {@code prompt}. The answer is {@link Config#answers} of that text when present, else the text
 * itself ({@link Answer#ECHO}) or upper-cased ({@link Answer#UPPER}); a prompt mapped to {@link
 * #REFUSE} gets HTTP 400. Usage counts are
 * whitespace-separated words: prompt tokens over every message, completion tokens of the answer.
 * When the request carries a {@code seed}, the response's {@code system_fingerprint} is {@code
 * stub-seed-SEED}, so tests can see the seed arrive.
 *
 * <p>Faults: a fault listed with exact request numbers (1-based, in arrival order) hits exactly
 * those requests; otherwise a fault with a fraction hits a request when a uniform draw keyed by
 * (body, attempt) falls in its share, where attempt counts earlier requests with the same body.
 * The fractions of the fractional faults are laid end to end in [0, 1), so their kinds never
 * overlap and their sum must be at most 1. A retried request thus meets the same fate on the same
 * attempt in every run, whatever the concurrency, and eventually succeeds.
 *
 * <p>Concurrency: each connection is served by its own thread, keep-alive, at most {@link
 * Config#threads} requests at once (default 128, enough for 64 concurrent clients each sleeping
 * through an added latency); see {@link LoopbackHttpServer} for why not the JDK's built-in server.
 *
 * <p>From the command line: {@code java -cp ... dev.assay.testkit.StubLlmServer [--port N]
 * [--answer echo|upper] [--latency-ms N] [--fault KIND=FRACTION]... [--retry-after S]
 * [--threads N]} prints {@code listening on URL} and serves until killed.
 */
public final class StubLlmServer implements AutoCloseable {
  /** How the stub answers a prompt that is not in {@link Config#answers}. */
  public enum Answer {
    ECHO,
    UPPER
  }

  /** What can go wrong with a response. */
  public enum FaultKind {
    /** The normal answer after {@link Config#faultLatencyMs} extra milliseconds. */
    LATENCY,
    /** HTTP 429 with {@code Retry-After: }{@link Config#retryAfterSeconds}. */
    RATE_LIMIT,
    /** HTTP 500 with a JSON error body. */
    SERVER_ERROR,
    /** HTTP 200 whose body is truncated JSON. */
    MALFORMED_JSON,
    /** The connection is closed without any response. */
    DROP_CONNECTION,
    /** The normal answer, its body written in ten pieces over {@link Config#slowBodyMs}. */
    SLOW_BODY;

    static FaultKind parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /**
   * One configured fault.
   *
   * @param kind what happens
   * @param fraction share of requests hit, in [0, 1]; ignored when {@code requests} is not empty
   * @param requests exact 1-based request numbers hit
   */
  public record Fault(FaultKind kind, double fraction, Set<Integer> requests) {
    public Fault {
      if (kind == null) {
        throw new IllegalArgumentException("kind is null");
      }
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("fraction outside [0, 1]: " + fraction);
      }
      requests = Set.copyOf(requests);
    }

    public static Fault fraction(FaultKind kind, double fraction) {
      return new Fault(kind, fraction, Set.of());
    }

    public static Fault onRequests(FaultKind kind, Integer... numbers) {
      return new Fault(kind, 0, Set.of(numbers));
    }
  }

  /**
   * The stub's behaviour.
   *
   * @param answer how unknown prompts are answered
   * @param answers prompt text to answer text
   * @param latencyMs added to every response
   * @param faults the faults; fractional ones must sum to at most 1
   * @param faultLatencyMs extra latency of a {@link FaultKind#LATENCY} fault
   * @param retryAfterSeconds the {@code Retry-After} of a {@link FaultKind#RATE_LIMIT} fault
   * @param slowBodyMs how long a {@link FaultKind#SLOW_BODY} takes to write
   * @param apiKey when not null, requests without {@code Authorization: Bearer KEY} get 401
   * @param threads requests served at once
   */
  public record Config(Answer answer, Map<String, String> answers, long latencyMs, List<Fault> faults,
      long faultLatencyMs, int retryAfterSeconds, long slowBodyMs, String apiKey, int threads) {
    public Config {
      answers = Map.copyOf(answers);
      faults = List.copyOf(faults);
      double sum = faults.stream().filter(f -> f.requests().isEmpty()).mapToDouble(Fault::fraction).sum();
      if (sum > 1 + 1e-9) {
        throw new IllegalArgumentException("fault fractions sum to " + sum + " > 1");
      }
      if (latencyMs < 0 || faultLatencyMs < 0 || slowBodyMs < 0 || retryAfterSeconds < 0 || threads < 1) {
        throw new IllegalArgumentException("negative duration or no threads");
      }
    }

    /** Echo, no latency, no faults, no key, 128 threads. */
    public static Config echo() {
      return new Config(Answer.ECHO, Map.of(), 0, List.of(), 200, 1, 200, null, 128);
    }

    public Config withAnswer(Answer a) {
      return new Config(a, answers, latencyMs, faults, faultLatencyMs, retryAfterSeconds, slowBodyMs, apiKey, threads);
    }

    public Config withAnswers(Map<String, String> map) {
      return new Config(answer, map, latencyMs, faults, faultLatencyMs, retryAfterSeconds, slowBodyMs, apiKey, threads);
    }

    public Config withLatencyMs(long ms) {
      return new Config(answer, answers, ms, faults, faultLatencyMs, retryAfterSeconds, slowBodyMs, apiKey, threads);
    }

    public Config withFaults(Fault... list) {
      return new Config(answer, answers, latencyMs, List.of(list), faultLatencyMs, retryAfterSeconds, slowBodyMs,
          apiKey, threads);
    }

    public Config withFaultTiming(long extraLatencyMs, int retryAfterS, long slowBody) {
      return new Config(answer, answers, latencyMs, faults, extraLatencyMs, retryAfterS, slowBody, apiKey, threads);
    }

    public Config withApiKey(String key) {
      return new Config(answer, answers, latencyMs, faults, faultLatencyMs, retryAfterSeconds, slowBodyMs, key, threads);
    }

    public Config withThreads(int n) {
      return new Config(answer, answers, latencyMs, faults, faultLatencyMs, retryAfterSeconds, slowBodyMs, apiKey, n);
    }
  }

  /**
   * One request as the stub saw it.
   *
   * @param number 1-based arrival number
   * @param path the request path
   * @param body the request body
   * @param arrivedNanos {@link System#nanoTime()} at arrival
   * @param fault the fault injected, null for none
   */
  public record Request(int number, String path, String body, long arrivedNanos, FaultKind fault) {}

  /** An answer that makes the stub refuse the prompt with HTTP 400, as a content filter would. */
  public static final String REFUSE = "<<refuse>>";

  /** Requests remembered for {@link #requests()}; older ones are dropped, so benchmarks stay small. */
  public static final int REMEMBERED = 10_000;

  private static final long SALT = 0x6A09E667F3BCC909L;

  private final Config config;
  private final LoopbackHttpServer server;
  private final AtomicInteger arrivals = new AtomicInteger();
  private final ConcurrentHashMap<Long, AtomicInteger> attemptsByBody;
  private final ConcurrentLinkedQueue<Request> log = new ConcurrentLinkedQueue<>();
  private final AtomicInteger logged = new AtomicInteger();
  private final Map<FaultKind, LongAdder> injected = new EnumMap<>(FaultKind.class);
  private final AtomicLong responseIds = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private StubLlmServer(Config config) throws IOException {
    this.config = config;
    for (FaultKind k : FaultKind.values()) {
      injected.put(k, new LongAdder());
    }
    boolean fractional = config.faults().stream().anyMatch(f -> f.requests().isEmpty() && f.fraction() > 0);
    this.attemptsByBody = fractional ? new ConcurrentHashMap<>() : null;
    this.server = new LoopbackHttpServer(config.threads(), this::route);
  }

  /** Starts a stub on a free loopback port. */
  public static StubLlmServer start(Config config) throws IOException {
    return new StubLlmServer(config);
  }

  /** The OpenAI-style base URL, {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://" + server.address().getHostAddress() + ":" + server.port() + "/v1";
  }

  public Config config() {
    return config;
  }

  /** Requests received so far, including faulted ones. */
  public int requestCount() {
    return arrivals.get();
  }

  /** The most requests this stub was serving at the same moment. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** The last {@value #REMEMBERED} requests, in arrival order. */
  public List<Request> requests() {
    List<Request> list = new ArrayList<>(log);
    list.sort(java.util.Comparator.comparingInt(Request::number));
    return list;
  }

  /** How many faults of each kind were injected. */
  public Map<FaultKind, Long> faultsInjected() {
    Map<FaultKind, Long> m = new LinkedHashMap<>();
    injected.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** The answer the stub gives to {@code prompt} when no fault strikes. */
  public String answerFor(String prompt) {
    String mapped = config.answers().get(prompt);
    if (mapped != null) {
      return mapped;
    }
    return config.answer() == Answer.UPPER ? prompt.toUpperCase(Locale.ROOT) : prompt;
  }

  /** Stops at once: in-flight exchanges are cut. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  private void route(LoopbackHttpServer.Exchange ex) throws IOException, InterruptedException {
    if (ex.path.equals("/v1/chat/completions")) {
      handle(ex, true);
    } else if (ex.path.equals("/v1/completions")) {
      handle(ex, false);
    } else {
      send(ex, 404, error("no such endpoint: " + ex.path, "invalid_request_error"));
    }
  }

  private void handle(LoopbackHttpServer.Exchange ex, boolean chat) throws IOException, InterruptedException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      int number = arrivals.incrementAndGet();
      long arrived = System.nanoTime();
      byte[] bodyBytes = ex.body;
      String body = new String(bodyBytes, StandardCharsets.UTF_8);
      if (!"POST".equals(ex.method)) {
        remember(new Request(number, ex.path, body, arrived, null));
        send(ex, 405, error("method not allowed", "invalid_request_error"));
        return;
      }
      if (config.apiKey() != null && !("Bearer " + config.apiKey()).equals(ex.header("Authorization"))) {
        remember(new Request(number, ex.path, body, arrived, null));
        send(ex, 401, error("missing or wrong API key", "invalid_api_key"));
        return;
      }
      FaultKind fault = faultFor(number, body);
      remember(new Request(number, ex.path, body, arrived, fault));
      if (fault != null) {
        injected.get(fault).increment();
      }
      sleep(config.latencyMs() + (fault == FaultKind.LATENCY ? config.faultLatencyMs() : 0));
      if (fault == FaultKind.DROP_CONNECTION) {
        ex.drop();
        return;
      }
      if (fault == FaultKind.RATE_LIMIT) {
        ex.respond(429, Map.of("Retry-After", Integer.toString(config.retryAfterSeconds())),
            error("rate limited (stub)", "rate_limit_exceeded"));
        return;
      }
      if (fault == FaultKind.SERVER_ERROR) {
        send(ex, 500, error("internal error (stub)", "server_error"));
        return;
      }
      ObjectNode answer;
      try {
        answer = answer(Json.MAPPER.readTree(bodyBytes), chat);
      } catch (IOException | IllegalArgumentException e) {
        send(ex, 400, error("bad request: " + e.getMessage(), "invalid_request_error"));
        return;
      }
      if (REFUSE.equals(answer.at(chat ? "/choices/0/message/content" : "/choices/0/text").asText())) {
        send(ex, 400, error("the stub refuses this prompt", "invalid_request_error"));
        return;
      }
      byte[] out = Json.MAPPER.writeValueAsBytes(answer);
      if (fault == FaultKind.MALFORMED_JSON) {
        byte[] cut = new byte[out.length / 2];
        System.arraycopy(out, 0, cut, 0, cut.length);
        send(ex, 200, cut);
      } else if (fault == FaultKind.SLOW_BODY) {
        ex.respondSlowly(out, 10, config.slowBodyMs());
      } else {
        send(ex, 200, out);
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private ObjectNode answer(JsonNode request, boolean chat) {
    if (request == null || !request.isObject()) {
      throw new IllegalArgumentException("body is not a JSON object");
    }
    String prompt;
    long promptTokens;
    if (chat) {
      JsonNode messages = request.get("messages");
      if (messages == null || !messages.isArray() || messages.isEmpty()) {
        throw new IllegalArgumentException("'messages' must be a non-empty list");
      }
      prompt = null;
      promptTokens = 0;
      for (JsonNode m : messages) {
        String content = content(m.get("content"));
        promptTokens += words(content);
        if ("user".equals(m.path("role").asText())) {
          prompt = content;
        }
      }
      if (prompt == null) {
        throw new IllegalArgumentException("no user message");
      }
    } else {
      JsonNode p = request.get("prompt");
      if (p == null || !p.isTextual()) {
        throw new IllegalArgumentException("'prompt' must be a string");
      }
      prompt = p.textValue();
      promptTokens = words(prompt);
    }
    String text = answerFor(prompt);
    ObjectNode root = Json.object();
    root.put("id", "stub-" + responseIds.incrementAndGet());
    root.put("object", chat ? "chat.completion" : "text_completion");
    root.put("created", 0);
    root.put("model", request.path("model").asText("stub"));
    if (request.hasNonNull("seed")) {
      root.put("system_fingerprint", "stub-seed-" + request.get("seed").asText());
    }
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    if (chat) {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.put("finish_reason", "stop");
    ObjectNode usage = root.putObject("usage");
    long completion = words(text);
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", promptTokens + completion);
    return root;
  }

  /** A message's text: a string, or the concatenated {@code text} parts of a content list. */
  private static String content(JsonNode c) {
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.textValue();
    }
    if (c.isArray()) {
      StringBuilder sb = new StringBuilder();
      c.forEach(part -> sb.append(part.path("text").asText("")));
      return sb.toString();
    }
    throw new IllegalArgumentException("message content is neither a string nor a list");
  }

  /**
   * Whitespace-separated words of {@code s}: what {@code s.strip().split("\\s+").length} counts
   * (0 for blank text), without compiling a regex per call: that was about a tenth of the stub's
   * CPU per request in the throughput benchmark.
   */
  static long words(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return 0;
    }
    long n = 1;
    boolean inGap = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean gap = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
      if (gap && !inGap) {
        n++;
      }
      inGap = gap;
    }
    return n;
  }

  private FaultKind faultFor(int number, String body) {
    for (Fault f : config.faults()) {
      if (f.requests().contains(number)) {
        return f.kind();
      }
    }
    if (attemptsByBody == null) {
      return null;
    }
    long h = Seeds.hash64(body);
    int attempt = attemptsByBody.computeIfAbsent(h, k -> new AtomicInteger()).getAndIncrement();
    double u = Seeds.unit(Seeds.mix(h ^ Seeds.mix(attempt + SALT)));
    double edge = 0;
    for (Fault f : config.faults()) {
      if (f.requests().isEmpty()) {
        edge += f.fraction();
        if (u < edge) {
          return f.kind();
        }
      }
    }
    return null;
  }

  private void remember(Request r) {
    log.add(r);
    if (logged.incrementAndGet() > REMEMBERED) {
      log.poll();
    }
  }

  private static byte[] error(String message, String type) {
    ObjectNode root = Json.object();
    ObjectNode err = root.putObject("error");
    err.put("message", message);
    err.put("type", type);
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(LoopbackHttpServer.Exchange ex, int status, byte[] body) throws IOException {
    ex.respond(status, Map.of(), body);
  }

  private static void sleep(long ms) throws InterruptedException {
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  /** Command-line entry: see the class comment. Serves until the process is killed. */
  public static void main(String[] args) throws Exception {
    Config config = Config.echo();
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null) {
        usage("missing value after " + a);
      }
      i++;
      switch (a) {
        case "--answer" -> config = config.withAnswer(Answer.valueOf(v.toUpperCase(Locale.ROOT)));
        case "--latency-ms" -> config = config.withLatencyMs(Long.parseLong(v));
        case "--retry-after" -> config = config.withFaultTiming(config.faultLatencyMs(), Integer.parseInt(v),
            config.slowBodyMs());
        case "--threads" -> config = config.withThreads(Integer.parseInt(v));
        case "--fault" -> {
          int eq = v.indexOf('=');
          if (eq < 0) {
            usage("--fault wants KIND=FRACTION, got " + v);
          }
          faults.add(Fault.fraction(FaultKind.parse(v.substring(0, eq)), Double.parseDouble(v.substring(eq + 1))));
        }
        default -> usage("unknown option " + a);
      }
    }
    config = config.withFaults(faults.toArray(new Fault[0]));
    StubLlmServer stub = start(config);
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
    System.out.println("listening on " + stub.baseUrl());
    System.out.flush();
    forever.await(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  private static void usage(String problem) {
    System.err.println("error: " + problem);
    System.err.println("usage: StubLlmServer [--answer echo|upper] [--latency-ms N] [--fault KIND=FRACTION]... "
        + "[--retry-after S] [--threads N]");
    System.exit(2);
  }
}
