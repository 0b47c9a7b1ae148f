package io.lear.verifier.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The security headers on every response of the application, whatever server runs the WAR. On Open Liberty the
 * HTTP endpoint in server.xml sets them too, for the responses Liberty writes itself (MP-JWT 401/403, health).
 */
// asyncSupported and ASYNC: TokenBodyFilter collects a slow token request body without holding a thread, then
// dispatches again; filters run in no fixed order, so this one may see a request first in that second dispatch.
@WebFilter(
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class SecurityHeadersFilter implements Filter {
    static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse out = (HttpServletResponse) res;
        HEADERS.forEach(out::setHeader);
        chain.doFilter(req, res);
    }
}
