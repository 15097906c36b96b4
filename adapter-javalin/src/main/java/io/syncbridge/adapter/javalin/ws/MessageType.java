package io.syncbridge.adapter.javalin.ws;

import java.util.Optional;

/** The WebSocket message types: v1 (1-9) and the additive v2 ones (10-25), with who may send each. */
enum MessageType {
    HEARTBEAT(1, true),
    HEARTBEAT_ACK(2, false),
    SNAPSHOT_REQUEST(3, true),
    SNAPSHOT_RESPONSE(4, false),
    STATE_UPDATE(5, true),
    ERROR(6, false),
    AUTH(7, true),
    AUTH_SUCCESS(8, false),
    AUTH_FAILURE(9, false),
    CHANGE(10, true),
    DELTA(11, false),
    CHANGE_ACK(12, false),
    CONFLICT(13, false),
    RESUME(14, true),
    CATCHUP(15, false),
    CHANGE_BATCH(16, true),
    BATCH_RESULT(17, false),
    HANDOFF_REQUEST(18, true),
    HANDOFF_TOKEN(19, true),
    HANDOFF_START(20, false),
    HANDOFF_COMPLETE(21, false),
    DEVICE_JOINED(22, false),
    DEVICE_LEFT(23, false),
    SESSION_EXPIRING(24, false),
    SESSION_ENDED(25, false);

    private static final MessageType[] BY_CODE = new MessageType[26];

    static {
        for (MessageType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    final int code;
    /** True for the types a client may send. */
    final boolean fromClient;

    MessageType(int code, boolean fromClient) {
        this.code = code;
        this.fromClient = fromClient;
    }

    static Optional<MessageType> of(long code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[(int) code]) : Optional.empty();
    }
}
