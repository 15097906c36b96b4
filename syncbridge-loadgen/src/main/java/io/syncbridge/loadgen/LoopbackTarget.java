package io.syncbridge.loadgen;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The server the load generator may talk to: only one on this machine's loopback. A URL naming any
 * other host is refused before anything is sent, so the tool cannot be pointed at someone else.
 */
record LoopbackTarget(URI httpBase, URI webSocketBase) {

    /** Resolves a host name; replaceable so that tests need no name service. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    LoopbackTarget {
        Objects.requireNonNull(httpBase, "httpBase");
        Objects.requireNonNull(webSocketBase, "webSocketBase");
    }

    static LoopbackTarget parse(String url) {
        return parse(url, InetAddress::getAllByName);
    }

    /**
     * Accepts http, https, ws and wss URLs whose host is a loopback IP literal (127.0.0.0/8, ::1) or
     * {@code localhost} resolving only to loopback addresses. Other names are refused unresolved.
     */
    static LoopbackTarget parse(String url, HostResolver resolver) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = switch (scheme) {
            case "http", "ws" -> false;
            case "https", "wss" -> true;
            default -> throw new IllegalArgumentException("--url must be http(s):// or ws(s)://, got " + url);
        };
        String host = uri.getHost();
        if (host == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("--url must be scheme://host[:port][/path], got " + url);
        }
        requireLoopback(host, resolver);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String authority = uri.getRawAuthority();
        return new LoopbackTarget(URI.create((secure ? "https" : "http") + "://" + authority + path),
                URI.create((secure ? "wss" : "ws") + "://" + authority + path));
    }

    /** The WebSocket URI of {@code pathAndQuery} (which starts with '/') on this server. */
    URI webSocket(String pathAndQuery) {
        return URI.create(webSocketBase + pathAndQuery);
    }

    private static void requireLoopback(String host, HostResolver resolver) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            if (IPV4.matcher(bare).matches()) {
                addresses = new InetAddress[] {InetAddress.getByAddress(ipv4(host, bare))};
            } else if (bare.contains(":")) {
                // An IPv6 literal: InetAddress parses it without asking any name service.
                addresses = new InetAddress[] {InetAddress.getByName(bare)};
            } else if (bare.equalsIgnoreCase("localhost")) {
                addresses = resolver.resolve(bare);
            } else {
                throw refused(host, "only loopback IP literals and localhost are accepted");
            }
        } catch (UnknownHostException e) {
            throw refused(host, "it does not resolve: " + e.getMessage());
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw refused(host, address.getHostAddress() + " is not a loopback address");
            }
        }
    }

    /** The four bytes of a dotted quad, built here so that no odd spelling reaches a name service. */
    private static byte[] ipv4(String host, String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(parts[i]);
            if (value > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                throw refused(host, "it is not a plain IPv4 address");
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static IllegalArgumentException refused(String host, String why) {
        return new IllegalArgumentException("refusing to load " + host + ": this tool only loads a server on this"
                + " machine's loopback (127.0.0.1, ::1, localhost); " + why);
    }
}
