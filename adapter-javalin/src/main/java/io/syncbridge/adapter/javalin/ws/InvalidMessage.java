package io.syncbridge.adapter.javalin.ws;

/** A client frame that does not follow the envelope or payload rules; answered with Error 400 INVALID_MESSAGE. */
final class InvalidMessage extends Exception {

    InvalidMessage(String message) {
        super(message, null, false, false);
    }
}
