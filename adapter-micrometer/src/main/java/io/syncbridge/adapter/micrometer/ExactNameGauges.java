package io.syncbridge.adapter.micrometer;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gauges written in the Prometheus text format under exactly the name given (see {@link ServerMetrics#exactGauge}). */
final class ExactNameGauges {

    private static final Logger LOG = LoggerFactory.getLogger(ExactNameGauges.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private record Entry(String help, DoubleSupplier value) {
    }

    private final Map<String, Entry> gauges = new ConcurrentSkipListMap<>();

    void register(String name, String help, DoubleSupplier value) {
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + name);
        }
        gauges.put(name, new Entry(help.replace("\\", "\\\\").replace("\n", "\\n"), value));
    }

    void appendTo(StringBuilder text) {
        gauges.forEach((name, entry) -> {
            double value;
            try {
                value = entry.value().getAsDouble();
            } catch (RuntimeException e) {
                LOG.warn("gauge {} could not be read: {}", name, e.getMessage());
                return;
            }
            text.append("# HELP ").append(name).append(' ').append(entry.help()).append('\n')
                    .append("# TYPE ").append(name).append(" gauge\n")
                    .append(name).append(' ').append(format(value)).append('\n');
        });
    }

    private static String format(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return Double.toString(value);
    }
}
