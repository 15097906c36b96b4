package io.syncbridge.adapter.javalin.rest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one entry point every REST test fixture (here and in syncbridge-app's end-to-end tests) calls
 * with each response it receives: a response that does not match the OpenAPI document fails the test.
 */
public final class OpenApiConformance {

    private static final OpenApiValidator VALIDATOR = OpenApiValidator.fromClassPath();
    private static final AtomicInteger CHECKED = new AtomicInteger();

    private OpenApiConformance() {
    }

    /** Checks status, content type and body of {@code response} to {@code request}. */
    public static void check(HttpRequest request, HttpResponse<String> response) {
        check(request, response, response.body());
    }

    /** As {@link #check(HttpRequest, HttpResponse)}, with the body given ({@code ""} for a stream read elsewhere). */
    public static void check(HttpRequest request, HttpResponse<?> response, String body) {
        String pathAndQuery = request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
        List<String> violations = VALIDATOR.check(request.method(), pathAndQuery, response.statusCode(),
                response.headers().firstValue("Content-Type"), body);
        CHECKED.incrementAndGet();
        if (!violations.isEmpty()) {
            throw new AssertionError("The response does not match the OpenAPI document (" + OpenApiRoutes.RESOURCE
                    + "):\n  " + String.join("\n  ", violations) + "\nbody: " + body);
        }
    }

    /** How many responses were checked in this JVM. */
    public static int checked() {
        return CHECKED.get();
    }
}
