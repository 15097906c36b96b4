package io.syncbridge.loadgen;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The WebSocket frame codec of the NIO client (RFC 6455 §5): writes masked client frames, and reads
 * server frames out of a receive buffer, joining fragmented messages, without copying a message
 * that came in one frame.
 */
final class WebSocketFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** What the reader hands on; the array range is only valid during the call. */
    interface Handler {

        /** A whole text (or binary) message, its fragments joined. */
        void message(int opcode, byte[] data, int offset, int length);

        /** A close, ping or pong frame (these may come between the fragments of a message). */
        void control(int opcode, byte[] data, int offset, int length);
    }

    private WebSocketFrames() {
    }

    /** One final client frame, masked with {@code maskKey} as a client must (§5.3). */
    static ByteBuffer clientFrame(int opcode, byte[] payload, int maskKey) {
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (length <= 125) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        frame.putInt(maskKey);
        byte[] mask = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    /** Close payload: the status code, then the UTF-8 reason. */
    static byte[] closePayload(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }

    /**
     * Reads frames out of a heap buffer; one per connection, used by one thread. Masked frames are
     * unmasked too (a server must not send them, but the tests use client frames to check both sides).
     */
    static final class Reader {

        /** Bigger messages are refused: the load run's frames are a few hundred bytes. */
        static final int MAX_MESSAGE = 16 << 20;

        private byte[] fragments = new byte[0];
        private int fragmentsLength;
        private int fragmentedOpcode = -1;

        /**
         * Hands on every whole frame in {@code in} (in read mode); leaves an incomplete frame's bytes
         * in it. Returns the buffer size the next frame needs, or 0 when {@code in} is big enough.
         */
        int read(ByteBuffer in, Handler handler) {
            byte[] array = in.array();
            while (true) {
                int start = in.arrayOffset() + in.position();
                int available = in.remaining();
                if (available < 2) {
                    return 0;
                }
                int b0 = array[start] & 0xFF;
                int b1 = array[start + 1] & 0xFF;
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                boolean masked = (b1 & 0x80) != 0;
                long length = b1 & 0x7F;
                int header = 2;
                if (length == 126) {
                    if (available < 4) {
                        return 0;
                    }
                    length = ((array[start + 2] & 0xFF) << 8) | (array[start + 3] & 0xFF);
                    header = 4;
                } else if (length == 127) {
                    if (available < 10) {
                        return 0;
                    }
                    length = ByteBuffer.wrap(array, start + 2, 8).getLong();
                    header = 10;
                }
                if (length < 0 || length > MAX_MESSAGE) {
                    throw new IllegalStateException("a frame of " + length + " bytes");
                }
                int maskAt = start + header;
                if (masked) {
                    header += 4;
                }
                long frameLength = header + length;
                if (available < frameLength) {
                    return frameLength > in.capacity() ? (int) frameLength : 0;
                }
                int payloadAt = start + header;
                int payloadLength = (int) length;
                if (masked) {
                    for (int i = 0; i < payloadLength; i++) {
                        array[payloadAt + i] ^= array[maskAt + (i & 3)];
                    }
                }
                in.position(in.position() + (int) frameLength);
                if (opcode >= CLOSE) {
                    handler.control(opcode, array, payloadAt, payloadLength);
                } else if (opcode == CONTINUATION) {
                    if (fragmentedOpcode < 0) {
                        throw new IllegalStateException("a continuation frame without a message to continue");
                    }
                    append(array, payloadAt, payloadLength);
                    if (fin) {
                        int whole = fragmentedOpcode;
                        fragmentedOpcode = -1;
                        handler.message(whole, fragments, 0, fragmentsLength);
                        fragmentsLength = 0;
                    }
                } else {
                    if (fragmentedOpcode >= 0) {
                        throw new IllegalStateException("a new message before the last one's final fragment");
                    }
                    if (fin) {
                        handler.message(opcode, array, payloadAt, payloadLength);
                    } else {
                        fragmentedOpcode = opcode;
                        append(array, payloadAt, payloadLength);
                    }
                }
            }
        }

        private void append(byte[] array, int offset, int length) {
            if (fragmentsLength + length > MAX_MESSAGE) {
                throw new IllegalStateException("a fragmented message over " + MAX_MESSAGE + " bytes");
            }
            if (fragmentsLength + length > fragments.length) {
                fragments = Arrays.copyOf(fragments, Math.max(fragmentsLength + length, fragments.length * 2));
            }
            System.arraycopy(array, offset, fragments, fragmentsLength, length);
            fragmentsLength += length;
        }
    }
}
