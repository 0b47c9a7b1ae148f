package io.lear.verifier.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request to the application an id, echoed from {@code X-Request-Id} when the client
 * sent a sane one (security headers: SecurityHeadersFilter).
 */
// asyncSupported and ASYNC: TokenBodyFilter collects a slow token request body without holding a thread, then
// dispatches again; filters run in no fixed order, so this one may see a request first in that second dispatch.
@WebFilter(
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class RequestIdFilter implements Filter {
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "io.lear.verifier.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        HttpServletResponse out = (HttpServletResponse) res;
        String sent = http.getHeader(HEADER);
        String id = http.getAttribute(ATTRIBUTE) instanceof String given
                ? given // dispatched again: the id it was given first
                : sent != null && SANE.matcher(sent).matches()
                        ? sent
                        : UUID.randomUUID().toString();
        http.setAttribute(ATTRIBUTE, id);
        out.setHeader(HEADER, id);
        chain.doFilter(req, res);
    }
}
