package io.syncbridge.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the log output from the configuration: one line per event on stdout, readable text on a
 * terminal and compact JSON elsewhere (or as {@code LOG_FORMAT} says), at {@code LOG_LEVEL}; the
 * request id from the MDC on every line of a request either way.
 */
final class Logging {

    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} "
            + "requestId=%X{requestId:--} - %msg%n";

    private Logging() {
    }

    /**
     * The format {@code auto} stands for: text when the process runs on an interactive terminal (a
     * person reads it), JSON otherwise (a container, a service manager or a pipe: a log collector
     * reads it).
     */
    static String resolve(String format, boolean onTerminal) {
        if (!"auto".equals(format)) {
            return format;
        }
        return onTerminal ? "text" : "json";
    }

    static void configure(String level, String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        String resolved = resolve(format, System.console() != null);
        console.setEncoder("text".equals(resolved) ? text(context) : json(context));
        console.start();
        root.addAppender(console);
        Level rootLevel = Level.toLevel(level, Level.INFO);
        root.setLevel(rootLevel);
        // Jetty and Javalin are chatty at INFO; their warnings still show.
        Level libraries = rootLevel.isGreaterOrEqual(Level.INFO) ? Level.WARN : rootLevel;
        context.getLogger("org.eclipse.jetty").setLevel(libraries);
        context.getLogger("io.javalin").setLevel(libraries);
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        CompactJsonEncoder encoder = new CompactJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
