package io.syncbridge.adapter.javalin;

import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /}: a small page that names the server and its version and links what a person
 * opening the address in a browser is looking for (console, demo, health, metrics, API).
 */
final class FrontDoorRoutes {

    /** One link of the page: where it goes, what it is called, and one line of what it is for. */
    record Link(String href, String title, String purpose) {
    }

    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
    private static final String DEMO_RESOURCE = "/io/syncbridge/clients/demo/index.html";

    private final String page;

    FrontDoorRoutes(String version, boolean consoleEnabled) {
        this.page = page(Objects.requireNonNull(version, "version"), links(consoleEnabled,
                FrontDoorRoutes.class.getResource(DEMO_RESOURCE) != null));
    }

    void register(JavalinConfig cfg) {
        cfg.routes.get("/", ctx -> ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8").result(page));
    }

    static List<Link> links(boolean consoleEnabled, boolean demoPresent) {
        List<Link> links = new ArrayList<>();
        if (consoleEnabled) {
            links.add(new Link("/console", "Console", "live sessions, devices and events (operators sign in)"));
        }
        if (demoPresent) {
            links.add(new Link("/demo", "Demo", "two devices of one session side by side, offline and handoff"));
        }
        links.add(new Link("/health", "Health", "each dependency and its state; /health/live and /health/ready for probes"));
        links.add(new Link("/metrics", "Metrics", "Prometheus text format"));
        links.add(new Link("/v1/openapi.json", "REST API", "the OpenAPI 3.1 document of every REST endpoint"));
        links.add(new Link("/sdk/syncbridge.js", "Browser client", "the ES module this server serves to web apps"));
        return List.copyOf(links);
    }

    static String page(String version, List<Link> links) {
        StringBuilder html = new StringBuilder(2_048);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>SyncBridge ").append(escape(version)).append("</title>")
                .append("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;")
                .append("color:#1d2733}h1{margin-bottom:0}p.version{color:#5b6673;margin-top:0}li{margin:.4rem 0}")
                .append("a{color:#0b57d0}</style></head><body>\n")
                .append("<h1>SyncBridge</h1>\n<p class=\"version\">version ").append(escape(version)).append("</p>\n")
                .append("<p>This server keeps a user's live session state in sync across devices and hands a session")
                .append(" from one device to another. Devices connect over WebSocket at <code>/ws</code> (and the v1")
                .append(" endpoint <code>/v1/ws/sessions/{id}</code>); applications use the REST API under")
                .append(" <code>/v1</code>.</p>\n<ul>\n");
        for (Link link : links) {
            html.append("<li><a href=\"").append(escape(link.href())).append("\">").append(escape(link.title()))
                    .append("</a> — ").append(escape(link.purpose())).append("</li>\n");
        }
        html.append("</ul>\n<p>Documentation: the <code>README.md</code> and <code>docs/</code> of the SyncBridge")
                .append(" repository (operations, configuration, security, WebSocket and REST references).</p>\n")
                .append("</body></html>\n");
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
