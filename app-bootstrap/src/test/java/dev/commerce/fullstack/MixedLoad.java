package dev.commerce.fullstack;

import dev.commerce.fullstack.ApiClient.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mixed concurrent traffic for fault tests, spread over one or more instances: reservations on a
 * few hot SKUs (then confirmed, cancelled or left to expire), issues of one coupon to distinct
 * users, and payments whose keys a client retries, with the same body, on the next instance after
 * any failure. Every worker starts at the same moment; the load runs until {@link #stop()} and
 * every request is bounded by the client's time-out. Each outcome is recorded with the phase it
 * started in, so that the test can print and assert an outcome histogram per phase.
 */
public final class MixedLoad implements AutoCloseable {

    /**
     * One request: when (phase), what (kind), to which instance (its index), how it ended, how long
     * it took. Status 599 ({@code IO_ERROR}): no answer came (refused, or the connection dropped).
     */
    public record Outcome(String phase, String kind, int instance, int status, String code, long millis,
            String contentType, String retryAfter) {

        public String label() {
            return kind + " " + (status == 599 ? "IO_ERROR" : status + " " + code);
        }
    }

    private final List<ApiClient> instances;
    private final String couponId;
    private final List<String> skus;
    private final AtomicReference<String> phase = new AtomicReference<>("before");
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong users;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    /** Every payment key used, with its body. */
    private final Map<String, String> paymentBodies = new ConcurrentHashMap<>();
    /** Keys answered 201 or 402 at least once. */
    private final Set<String> settledKeys = ConcurrentHashMap.newKeySet();
    /** Instances taken out of rotation, as a load balancer would after a failed health check. */
    private final Set<Integer> retired = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> workers = new ArrayList<>();

    public MixedLoad(List<ApiClient> instances, String couponId, List<String> skus, long firstUser) {
        this.instances = List.copyOf(instances);
        this.couponId = couponId;
        this.skus = List.copyOf(skus);
        this.users = new AtomicLong(firstUser);
    }

    /** Starts {@code count} workers at once and returns when they are all running. */
    public MixedLoad start(int count) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < count; i++) {
            int worker = i;
            workers.add(executor.submit(() -> {
                ready.countDown();
                go.await();
                run(worker);
                return null;
            }));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers did not get ready");
        }
        go.countDown();
        return this;
    }

    /**
     * No request starts on the instance at {@code index} any more, as a load balancer would have it
     * (it is about to be killed, or was); the requests already sent to it run their course.
     */
    public void retire(int index) {
        retired.add(index);
    }

    /** Requests started from now on are counted in {@code name}. */
    public void phase(String name) {
        phase.set(name);
    }

    /** Stops the workers and waits for their last requests (bounded by the client time-out). */
    public void stop() throws Exception {
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get(90, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        stop.set(true);
        executor.shutdownNow();
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Outcome> outcomes(String phaseName) {
        return outcomes.stream().filter(outcome -> outcome.phase().equals(phaseName)).toList();
    }

    /** "kind status code" -> count, per phase in the order the phases were first seen. */
    public Map<String, Map<String, Long>> histogram() {
        Map<String, Map<String, Long>> byPhase = new java.util.LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            byPhase.computeIfAbsent(outcome.phase(), p -> new TreeMap<>()).merge(outcome.label(), 1L, Long::sum);
        }
        return byPhase;
    }

    /** The {@link #histogram()} as one line: {@code phase before: {...}; phase outage: {...}}. */
    public String phases() {
        return histogram().entrySet().stream().map(phase -> "phase " + phase.getKey() + ": " + phase.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    public Map<String, String> paymentBodies() {
        return Map.copyOf(paymentBodies);
    }

    /** The order every payment key paid ({@code o-<key>}: one order per key), for the gateway's ledger. */
    public Set<String> paidOrders() {
        return paymentBodies.keySet().stream().map(key -> "o-" + key).collect(java.util.stream.Collectors.toSet());
    }

    public Set<String> unsettledKeys() {
        Set<String> unsettled = new java.util.TreeSet<>(paymentBodies.keySet());
        unsettled.removeAll(settledKeys);
        return Collections.unmodifiableSet(unsettled);
    }

    /** As a client would: retries a key with its body until it is answered 201 or 402, or the time is up. */
    public Response retryUntilSettled(String key, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Response last = null;
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            last = pay(instance(attempt), key, paymentBodies.get(key), "retry");
            if (last.status() == 201 || last.status() == 402) {
                return last;
            }
            Thread.sleep(500); // a client's back-off between retries (Retry-After is 1 s), bounded by the deadline
        }
        return last;
    }

    private void run(int worker) {
        String retryKey = null;
        int next = worker;
        while (!stop.get()) {
            int api = instance(next++);
            switch ((int) (sequence.getAndIncrement() % 3)) {
                case 0 -> reserve(api);
                case 1 -> call(api, "coupon", client -> client.post("/api/v1/coupons/" + couponId + "/issues",
                        Map.of("userId", users.getAndIncrement())));
                default -> {
                    String key = retryKey != null ? retryKey : "fault-" + java.util.UUID.randomUUID();
                    paymentBodies.putIfAbsent(key, "{\"orderId\": \"o-" + key + "\", \"amount\": 15000, \"currency\": \"KRW\"}");
                    Response response = pay(api, key, paymentBodies.get(key), "payment");
                    // a failed payment is retried with the same key, on the next instance
                    retryKey = response.status() == 201 || response.status() == 402 ? null : key;
                }
            }
        }
    }

    /** The index of the {@code n}-th instance in rotation, skipping retired ones. */
    private int instance(int n) {
        for (int i = 0; i < instances.size(); i++) {
            int index = Math.floorMod(n + i, instances.size());
            if (!retired.contains(index)) {
                return index;
            }
        }
        throw new IllegalStateException("every instance is retired");
    }

    private void reserve(int api) {
        String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
        Response reserved = call(api, "reserve", client -> client.post("/api/v1/reservations",
                Map.of("orderId", "o-" + sequence.get(), "lines", List.of(Map.of("sku", sku, "quantity", 1)))));
        if (reserved.status() != 201) {
            return;
        }
        String id = reserved.json().path("id").asString();
        switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> call(api, "confirm", client -> client.post("/api/v1/reservations/" + id + "/confirm", Map.of()));
            case 1 -> call(api, "cancel", client -> client.post("/api/v1/reservations/" + id + "/cancel", Map.of()));
            default -> {
                // left to expire
            }
        }
    }

    private Response pay(int api, String key, String body, String kind) {
        Response response = call(api, kind, client -> client.send("POST", "/api/v1/payments", "application/json", body,
                Map.of("Idempotency-Key", key)));
        if (response.status() == 201 || response.status() == 402) {
            settledKeys.add(key);
        }
        return response;
    }

    private Response call(int api, String kind, java.util.function.Function<ApiClient, Response> request) {
        String startedIn = phase.get();
        long started = System.nanoTime();
        Response response;
        try {
            response = request.apply(instances.get(api));
        } catch (IllegalStateException e) {
            // no answer: refused (instance gone) or dropped; the database decides what happened
            response = new Response(599, "", Map.of());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String code = response.status() == 599 ? "IO_ERROR" : codeOf(response);
        outcomes.add(new Outcome(startedIn, kind, api, response.status(), code, millis,
                response.header("Content-Type"), response.header("Retry-After")));
        return response;
    }

    private static String codeOf(Response response) {
        if (response.status() < 400) {
            return "OK";
        }
        try {
            return response.json().path("code").asString("NO_CODE");
        } catch (RuntimeException notJson) {
            return "NOT_JSON";
        }
    }
}
