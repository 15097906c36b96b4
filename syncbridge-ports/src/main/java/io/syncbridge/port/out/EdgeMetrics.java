package io.syncbridge.port.out;

/**
 * Driven port of the HTTP edge: what it reports of each request, and the text exposition it
 * serves on {@code /metrics}. The metric names are the implementation's (the runbooks' names).
 */
public interface EdgeMetrics {

    /** One HTTP request; {@code route} is the route template (never a raw path with ids). */
    void recordHttpRequest(String method, String route, int status, long durationNanos);

    /** Every metric of the process in the Prometheus text format (0.0.4). */
    String scrape();

    /** Records nothing and exposes nothing. */
    EdgeMetrics NONE = new EdgeMetrics() {
        @Override
        public void recordHttpRequest(String method, String route, int status, long durationNanos) {
        }

        @Override
        public String scrape() {
            return "";
        }
    };
}
