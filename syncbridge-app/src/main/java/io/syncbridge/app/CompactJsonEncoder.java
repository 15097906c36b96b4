package io.syncbridge.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Writes each log event as one JSON object on one line, with only the fields that have a value:
 * {@code time} (RFC 3339, UTC), {@code level}, {@code logger}, {@code thread}, every MDC entry
 * ({@code requestId} on the lines of a request), {@code message}, and {@code error} (the stack
 * trace) when there is one. No {@code "mdc": {}} or {@code "throwable": null} for a collector to
 * index.
 */
public final class CompactJsonEncoder extends EncoderBase<ILoggingEvent> {

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        field(line, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString(), true);
        field(line, "level", event.getLevel().toString(), false);
        field(line, "logger", event.getLoggerName(), false);
        field(line, "thread", event.getThreadName(), false);
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> field(line, key, value, false));
        }
        field(line, "message", event.getFormattedMessage(), false);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(line, "error", ThrowableProxyUtil.asString(thrown), false);
        }
        line.append("}\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    private static void field(StringBuilder line, String name, String value, boolean first) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!first) {
            line.append(',');
        }
        quote(line, name);
        line.append(':');
        quote(line, value);
    }

    /** A JSON string: quotes, backslashes and every control character escaped (Jackson's rules). */
    static void quote(StringBuilder out, String text) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }
}
