package io.syncbridge.client;

/** A device of the session as the server reported it: its id, kind and name, whether online and whether it holds the session. */
public record DeviceInfo(String id, String kind, String name, boolean online, boolean active) {
}
