package io.syncbridge.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A Lua script shipped as a resource next to this class, with the SHA-1 that EVALSHA names it by. */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;
    /** Encoded once: every EVALSHA of the script sends it. */
    private final EncodedArgument shaArgument;

    LuaScript(String name, String source, String sha) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.sha = Objects.requireNonNull(sha, "sha");
        this.shaArgument = EncodedArgument.of(sha);
    }

    String name() {
        return name;
    }

    String source() {
        return source;
    }

    String sha() {
        return sha;
    }

    /** The SHA-1 as an EVALSHA argument. */
    EncodedArgument shaArgument() {
        return shaArgument;
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + ", " + sha + "]";
    }

    /** Loads {@code lua/<name>.lua} from the class path. */
    static LuaScript load(String name) {
        String resource = "lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script resource " + resource);
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new LuaScript(name, source, sha1(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
