package dev.finerouter.cli.serve;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/http-api.md documents every field the server reads from a /v1/route body, and every endpoint of the OpenAPI
 * description (which {@link OpenApiServerTest} holds to the running server).
 */
class HttpApiDocTest {
    /** The page, from the engine module (where surefire runs) or from the repository root. */
    static String page() throws Exception {
        for (Path p : List.of(Path.of("../docs/http-api.md"), Path.of("docs/http-api.md"))) {
            if (Files.isRegularFile(p)) {
                return Files.readString(p);
            }
        }
        throw new AssertionError("docs/http-api.md not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyRouteRequestFieldIsDocumented() throws Exception {
        String doc = page();
        List<String> missing = new ArrayList<>();
        for (String field : RouteRequest.FIELDS) {
            if (!doc.contains("| `" + field + "` |")) {
                missing.add(field);
            }
        }
        assertTrue(missing.isEmpty(), "fields of POST /v1/route missing from the table in docs/http-api.md: " + missing);
    }

    @Test
    void everyEndpointHasASection() throws Exception {
        String doc = page();
        for (HttpRoute endpoint : OpenApiSpec.get().operations()) {
            if (!endpoint.method().equals("OPTIONS")) { // CORS preflights are explained under Conventions
                assertTrue(doc.contains("## `" + endpoint + "`"), "no section for " + endpoint);
            }
        }
        for (int status : new int[]{400, 401, 403, 404, 408, 413, 415, 422, 502, 503}) {
            assertTrue(doc.contains("| " + status + " |"), "status " + status + " is not in the error table");
        }
    }
}
