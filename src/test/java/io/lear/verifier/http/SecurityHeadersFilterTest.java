package io.lear.verifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {
    @Test
    void everyResponseGetsTheFourHeadersBeforeTheApplicationWrites() throws Exception {
        Map<String, String> set = new LinkedHashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        set.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        AtomicBoolean chained = new AtomicBoolean();
        FilterChain chain = (req, res) -> {
            assertEquals(4, set.size(), "headers are set before the application runs");
            chained.set(true);
        };
        new SecurityHeadersFilter().doFilter((ServletRequest) null, response, chain);
        assertTrue(chained.get());
        assertEquals("nosniff", set.get("X-Content-Type-Options"));
        assertEquals("DENY", set.get("X-Frame-Options"));
        assertEquals("no-referrer", set.get("Referrer-Policy"));
        assertEquals("default-src 'none'; frame-ancestors 'none'", set.get("Content-Security-Policy"));
    }
}
