package io.syncbridge.adapter.javalin.ws;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counts open connections per client address against the per-address cap. */
final class AddressSlots {

    private final int max;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    AddressSlots(int max) {
        this.max = max;
    }

    boolean isFull(String address) {
        return max > 0 && open.getOrDefault(address, 0) >= max;
    }

    /** Takes a slot; false (and nothing taken) when the address is at the cap. */
    boolean tryAcquire(String address) {
        boolean[] taken = {false};
        open.compute(address, (a, count) -> {
            int current = count == null ? 0 : count;
            if (max > 0 && current >= max) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    void release(String address) {
        open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    static String addressOf(SocketAddress socketAddress) {
        if (socketAddress instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return normalise(String.valueOf(socketAddress));
    }

    /** The same text for an address however it was written ("[::1]" and "0:0:0:0:0:0:0:1" alike). */
    static String normalise(String address) {
        if (address == null) {
            return "unknown";
        }
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (bare.indexOf(':') >= 0) {
            try {
                return java.net.InetAddress.getByName(bare).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return bare;
            }
        }
        return bare;
    }
}
