package io.syncbridge.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.app.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shipped Grafana dashboard, read the way the ops tests need it: the query of every panel. */
final class GrafanaDashboard {

    static final Path FILE = Path.of("ops", "grafana", "syncbridge.json");

    private GrafanaDashboard() {
    }

    /** The {@code expr} of every query target of every panel, rows included. */
    static List<String> expressions() throws IOException {
        JsonNode dashboard = TestServer.JSON.readTree(TestServer.repositoryRoot().resolve(FILE).toFile());
        List<String> expressions = new ArrayList<>();
        collect(dashboard.path("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
            collect(panel.path("panels"), expressions);
        }
    }
}
