package io.syncbridge.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import redis.clients.jedis.args.Rawable;

/**
 * A command argument encoded to UTF-8 once and handed to Jedis as is: Jedis's own String arguments
 * are encoded and then copied again, two copies of every commit's JSON per change.
 */
final class EncodedArgument implements Rawable {

    private final byte[] raw;

    private EncodedArgument(byte[] raw) {
        this.raw = raw;
    }

    static EncodedArgument of(String text) {
        return new EncodedArgument(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] getRaw() {
        return raw;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedArgument that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
