package io.syncbridge.adapter.javalin.rest;

import io.javalin.http.Context;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.port.out.TokenClaims;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Path and query parameters of the REST routes, parsed with the same rules and messages everywhere. */
final class Params {

    /** The author recorded for state written through REST by a caller that names no device. */
    static final DeviceId REST_DEVICE = new DeviceId("rest-api");

    private Params() {
    }

    static int intQuery(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new SyncError.ValidationFailed(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SyncError.ValidationFailed(name + " must be an integer");
        }
    }

    static long longQuery(Context ctx, String name, long fallback, long min) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < min) {
                throw new SyncError.ValidationFailed(name + " must be at least " + min);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SyncError.ValidationFailed(name + " must be an integer");
        }
    }

    static Optional<Instant> instantQuery(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new SyncError.ValidationFailed(name + " must be an ISO-8601 instant such as 2024-02-11T13:20:00Z");
        }
    }

    /** Whole seconds from now until {@code moment}, rounded up (a token valid 15 minutes says 900). */
    static long secondsUntil(java.time.Clock clock, Instant moment) {
        long millis = java.time.Duration.between(clock.instant(), moment).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }

    /**
     * The device a write is attributed to: the body's {@code deviceId}, the token's device, or the
     * REST author. A device token writes only as its own device (the core refuses another).
     */
    static DeviceId author(JsonBody body, TokenClaims claims) {
        return body.text("deviceId", "device_id").map(DeviceId::new)
                .or(claims::device)
                .orElse(REST_DEVICE);
    }
}
