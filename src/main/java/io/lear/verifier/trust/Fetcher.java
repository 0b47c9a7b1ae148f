package io.lear.verifier.trust;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one outbound HTTP client (profile §7.4): https only unless allowed, a deadline on the whole
 * exchange, at most 1 MiB read, no redirects (a 3xx is a failure, so no scheme or host change can
 * happen), and concurrent fetches of the same URL share one request.
 */
public final class Fetcher {
    public static final int MAX_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final boolean allowHttp;
    private final ConcurrentHashMap<String, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();

    public Fetcher(Duration timeout, boolean allowHttp) {
        this.timeout = timeout;
        this.allowHttp = allowHttp;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether {@code url} may be fetched at all under this policy. */
    public boolean permits(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.getHost() != null
                    && uri.getUserInfo() == null
                    && ("https".equals(scheme) || (allowHttp && "http".equals(scheme)));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** GETs {@code url}; throws {@link FetchException} on any failure, including non-200 answers. */
    public byte[] get(String url, String accept) throws FetchException {
        if (!permits(url)) {
            throw new FetchException(
                    "URL not allowed by the fetch policy (https only unless verifier.fetch.allow-http)");
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> shared = inFlight.putIfAbsent(url, mine);
        if (shared == null) {
            try {
                start(url, accept, mine);
            } finally {
                mine.whenComplete((b, t) -> inFlight.remove(url, mine));
            }
            shared = mine;
        }
        try {
            return shared.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new FetchException("timed out after " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof FetchException fe ? fe : new FetchException(describe(cause));
        }
    }

    private void start(String url, String accept, CompletableFuture<byte[]> result) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", accept)
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return new LimitedBody(MAX_BYTES);
        });
        exchange.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error != null) {
                exchange.cancel(true);
                result.completeExceptionally(
                        error instanceof TimeoutException
                                ? new FetchException("timed out after " + timeout.toSeconds() + " s")
                                : error);
            } else if (response.statusCode() != 200) {
                result.completeExceptionally(
                        new FetchException("HTTP status " + response.statusCode(), response.statusCode()));
            } else {
                result.complete(response.body());
            }
        });
    }

    /** The root cause's class only: exception texts may quote what the server sent. */
    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "fetch failed (" + root.getClass().getSimpleName() + ")";
    }

    /** Collects at most {@code max} bytes; one more fails the fetch and cancels the download. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new FetchException("response larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }
}
