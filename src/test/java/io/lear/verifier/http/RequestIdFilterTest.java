package io.lear.verifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every request gets one id, kept when the request is dispatched again (TokenBodyFilter's second dispatch). */
class RequestIdFilterTest {
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> headersOut = new HashMap<>();

    private HttpServletRequest request(String sentId) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getHeader" -> RequestIdFilter.HEADER.equals(args[0]) ? sentId : null;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    if (m.getName().equals("setHeader")) {
                        headersOut.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private String filtered(String sentId) throws Exception {
        new RequestIdFilter().doFilter(request(sentId), response(), (req, res) -> {});
        return (String) attributes.get(RequestIdFilter.ATTRIBUTE);
    }

    @Test
    void aSaneIdSentIsEchoedAndAnInsaneOneReplaced() throws Exception {
        assertEquals("client-7:a.b_c", filtered("client-7:a.b_c"));
        assertEquals("client-7:a.b_c", headersOut.get(RequestIdFilter.HEADER));
        attributes.clear();
        String made = filtered("no spaces allowed");
        assertTrue(made.matches("[0-9a-f-]{36}"), made);
        assertEquals(made, headersOut.get(RequestIdFilter.HEADER));
    }

    @Test
    void anIdOf64CharactersIsEchoedAndOneOf65Replaced() throws Exception {
        String longest = "r".repeat(64);
        assertEquals(longest, filtered(longest));
        attributes.clear();
        String made = filtered("r".repeat(65));
        assertTrue(made.matches("[0-9a-f-]{36}"), made);
        attributes.clear();
        assertTrue(filtered("").matches("[0-9a-f-]{36}"), "an empty id is replaced too");
    }

    @Test
    void aRequestDispatchedAgainKeepsTheIdItWasGiven() throws Exception {
        String first = filtered(null);
        assertEquals(first, filtered(null), "the second dispatch does not make a new id");
        assertEquals(first, filtered("other-id"), "nor take one from the header");
        assertEquals(first, headersOut.get(RequestIdFilter.HEADER));
    }
}
