package io.syncbridge.adapter.javalin.clients;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Static routes: the browser SDK at {@code /sdk/{file}} and the two-device demo at {@code /demo},
 * read from the {@code syncbridge-client-js} jar. Only the listed files are served.
 */
public final class ClientRoutes {

    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, String> SDK = Map.of(
            "syncbridge.js", JS,
            "syncbridge.d.ts", "application/typescript; charset=utf-8",
            "qrcode.js", JS,
            "qrcode.d.ts", "application/typescript; charset=utf-8");
    private static final Map<String, String> DEMO = Map.of(
            "demo.js", JS,
            "demo.css", "text/css; charset=utf-8");
    /** The demo talks to this server only (REST and WebSocket) and runs no inline script. */
    private static final String DEMO_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
            + "style-src 'self'; frame-ancestors 'none'";

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/sdk/{file}", ctx -> serve(ctx, "sdk", SDK, ctx.pathParam("file")));
        cfg.routes.get("/demo", ctx -> {
            demoHeaders(ctx);
            asset(ctx, "demo", "index.html", "text/html; charset=utf-8");
        });
        cfg.routes.get("/demo/{file}", ctx -> {
            demoHeaders(ctx);
            serve(ctx, "demo", DEMO, ctx.pathParam("file"));
        });
    }

    private static void demoHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", DEMO_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void serve(Context ctx, String folder, Map<String, String> files, String name) {
        String type = files.get(name);
        if (type == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        asset(ctx, folder, name, type);
    }

    private static void asset(Context ctx, String folder, String name, String contentType) {
        String resource = "/io/syncbridge/clients/" + folder + "/" + name;
        try (InputStream in = ClientRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("client asset missing from the jar: " + resource);
            }
            ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff")
                    .contentType(contentType).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
