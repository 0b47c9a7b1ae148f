package io.lear.verifier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Warm-up traffic for bench/run.py: threads that POST fresh token requests, built on the fly (so any
 * number can be sent without a huge request file), for a given time. Both the verifier and the
 * Keycloak peer are warmed up by it, so they get the same warm-up.
 */
final class WarmupLoad {
    private WarmupLoad() {}

    /**
     * @param bodies for each thread index, that thread's source of form bodies (called on that thread only)
     * @return the number of 200 answers; prints the counts
     */
    static long run(String tokenUrl, long seconds, int threads, IntFunction<Callable<String>> bodies)
            throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<String> next = bodies.apply(t);
            Thread w = new Thread(() -> {
                while (System.nanoTime() < until) {
                    try {
                        HttpResponse<Void> r = http.send(
                                HttpRequest.newBuilder(URI.create(tokenUrl))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(next.call()))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("warm-up: " + ok.get() + " tokens, " + failed.get() + " failures");
        return ok.get();
    }
}
