package io.syncbridge.app;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the value formats environment variables use: durations, rates, addresses, flags. */
final class EnvValues {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*([a-z]+)");
    private static final Pattern HOST_PORT = Pattern.compile("(?:(\\[[0-9a-fA-F:.]+]|[^:\\s\\[\\]]*):)?(\\d{1,5})");

    private EnvValues() {
    }

    /** A listening address: {@code :8080}, {@code 8080}, {@code 0.0.0.0:8080}, {@code [::1]:8080}. */
    record Address(String host, int port) {
    }

    /** At most {@code permits} per {@code window}. */
    record Rate(int permits, Duration window) {
        /** The same rate per minute, for limits counted in minutes. */
        long perMinute() {
            return (long) permits * 60_000 / window.toMillis();
        }

        @Override
        public String toString() {
            return permits + " per " + window.toSeconds() + " s";
        }
    }

    /** {@code 7d}, {@code 30s}, {@code 5m}, {@code 250ms}, {@code 1h30m}; null when malformed. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        Matcher parts = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (parts.find()) {
            if (parts.start() != end) {
                return null;
            }
            long amount = Long.parseLong(parts.group(1));
            total = total.plus(switch (parts.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = parts.end();
        }
        return end == value.length() ? total : null;
    }

    /** {@code 100/min}, {@code 10/s}, {@code 1000/hour}, {@code 50/10s}; null when malformed. */
    static Rate rate(String text) {
        Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        int permits;
        try {
            permits = Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooBig) {
            return null;
        }
        long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(1);
            case "s", "sec", "second", "seconds" -> Duration.ofSeconds(1);
            case "m", "min", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hour", "hours" -> Duration.ofHours(1);
            default -> null;
        };
        if (unit == null || permits < 1 || count < 1) {
            return null;
        }
        return new Rate(permits, unit.multipliedBy(count));
    }

    static Address address(String text) {
        Matcher m = HOST_PORT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65_535) {
            return null;
        }
        String host = m.group(1) == null || m.group(1).isEmpty() ? "0.0.0.0" : m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Address(host, port);
    }

    /** A duration the way the variables spell them: {@code 7d}, {@code 30s}, {@code 1h30m}. */
    static String describe(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            text.append(duration.toMillisPart()).append("ms");
        }
        return text.toString();
    }

    /** true/false, yes/no, on/off, 1/0; null when none of those. */
    static Boolean flag(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
