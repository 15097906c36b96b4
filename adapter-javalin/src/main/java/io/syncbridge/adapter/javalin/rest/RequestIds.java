package io.syncbridge.adapter.javalin.rest;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The request id of every exchange: the client's {@code X-Request-ID} when it is a sane token,
 * a fresh one otherwise; echoed on the response and put in the log MDC as {@code requestId}.
 */
final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "syncbridge.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private RequestIds() {
    }

    /** Before every request: picks the id, echoes it, and tags this thread's log lines with it. */
    public static void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** The request's id (assigned before any handler runs). */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : "";
    }
}
