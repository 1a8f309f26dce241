package dev.commerce.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lock wait and hold times as the service itself measured them: the cumulative histogram buckets
 * of its lock timers ({@code inventory.lock.*}, {@code coupon.lock.*}) read from
 * {@code /actuator/prometheus} before and after a row, and the quantiles of the difference.
 * Quantiles are bucket upper bounds (Micrometer's buckets are about 10-20 % apart), so each is an
 * upper bound of the true value; so is "max", the highest bucket that received a sample.
 */
final class LockTimes {

    /** The timers read, by Prometheus base name. */
    static final List<String> TIMERS = List.of(
            "inventory_lock_wait_seconds", "inventory_lock_hold_seconds",
            "coupon_lock_wait_seconds", "coupon_lock_hold_seconds");

    private static final Pattern BUCKET = Pattern.compile(
            "^(\\w+)_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Cumulative bucket counts per timer: timer -> (upper bound in seconds -> count), summed over tags. */
    record Snapshot(Map<String, TreeMap<Double, Double>> buckets) {
    }

    /**
     * One timer over one row.
     *
     * @param samples how many times the lock was waited for / held in the row
     * @param p50     milliseconds (bucket upper bound); likewise p99, p999 (99.9th percentile) and max
     */
    record Distribution(long samples, double p50, double p99, double p999, double max) {
    }

    private LockTimes() {
    }

    static Snapshot scrape(String service) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus"))
                        .header("Authorization", BenchTokens.AUTHORIZATION).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static Snapshot parse(String prometheusText) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        Matcher bucket = BUCKET.matcher(prometheusText);
        while (bucket.find()) {
            String timer = bucket.group(1);
            if (!TIMERS.contains(timer)) {
                continue;
            }
            double le = "+Inf".equals(bucket.group(2)) ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(2));
            buckets.computeIfAbsent(timer, t -> new TreeMap<>())
                    .merge(le, Double.parseDouble(bucket.group(3)), Double::sum);
        }
        return new Snapshot(buckets);
    }

    /** The distributions of the samples recorded between two snapshots, by timer; timers with none are left out. */
    static Map<String, Distribution> between(Snapshot before, Snapshot after) {
        Map<String, Distribution> result = new TreeMap<>();
        after.buckets().forEach((timer, afterBuckets) -> {
            TreeMap<Double, Double> beforeBuckets = before.buckets().getOrDefault(timer, new TreeMap<>());
            TreeMap<Double, Double> delta = new TreeMap<>();
            afterBuckets.forEach((le, count) -> delta.put(le, count - beforeBuckets.getOrDefault(le, 0.0)));
            double total = delta.getOrDefault(Double.POSITIVE_INFINITY, delta.isEmpty() ? 0.0 : delta.lastEntry().getValue());
            if (total < 1) {
                return;
            }
            result.put(timer, new Distribution((long) total, quantile(delta, total, 0.50), quantile(delta, total, 0.99),
                    quantile(delta, total, 0.999), quantile(delta, total, 1.0)));
        });
        return result;
    }

    /** The smallest bucket bound holding at least {@code q} of the samples, in milliseconds. */
    private static double quantile(TreeMap<Double, Double> cumulative, double total, double q) {
        double needed = Math.ceil(q * total - 1e-9);
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= needed) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
