package io.syncbridge.adapter.javalin.rest;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 document of this REST API, the very file kept in
 * the repository ({@link #RESOURCE}), which the REST tests check every response against.
 */
final class OpenApiRoutes {

    /** Where the document lives on the class path (adapter-javalin's resources). */
    public static final String RESOURCE = "/io/syncbridge/adapter/javalin/openapi.json";

    private final String document;

    public OpenApiRoutes() {
        this.document = document();
    }

    /** The document's text. */
    public static String document() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the OpenAPI document failed", e);
        }
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
