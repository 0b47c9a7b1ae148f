package it.io.lear.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Profile §12: an unforeseen failure is a bare 500 server_error; nothing of the exception reaches the client. */
@ExtendWith(ArquillianExtension.class)
class ServerErrorIT {
    static final String INTERNALS = "secret-internal-detail eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0";

    /** A resource added to the WAR for this test only: it fails the way a bug would. */
    @Path("/it-failure")
    public static class FailingResource {
        @GET
        public String fail() {
            throw new IllegalStateException(INTERNALS);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war().addClass(FailingResource.class);
    }

    @Test
    void unexpectedFailureIsAServerErrorWithoutInternals() {
        var r = ItServer.get("/it-failure", null);
        assertEquals(500, r.statusCode(), r.body());
        Map<String, Object> body = ItServer.json(r);
        assertEquals("server_error", body.get("error"));
        assertEquals("server_error", body.get("reason"));
        assertFalse(r.body().contains("secret-internal-detail"), r.body());
        assertFalse(r.body().contains("IllegalStateException"), r.body());
        assertFalse(r.body().contains("eyJ"), r.body());
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
    }
}
