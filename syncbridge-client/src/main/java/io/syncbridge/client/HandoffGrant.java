package io.syncbridge.client;

/** A single-use handoff token another device claims ("scan this on your phone"), and when it expires (as the server wrote it). */
public record HandoffGrant(String token, String expiresAt) {
}
