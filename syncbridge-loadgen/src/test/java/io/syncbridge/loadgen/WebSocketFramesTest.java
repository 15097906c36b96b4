package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

    /** What the reader handed on, copied out of its buffer. */
    private static final class Recorded implements WebSocketFrames.Handler {
        final List<byte[]> messages = new ArrayList<>();
        final List<Integer> controls = new ArrayList<>();
        final List<byte[]> controlPayloads = new ArrayList<>();

        @Override
        public void message(int opcode, byte[] data, int offset, int length) {
            messages.add(Arrays.copyOfRange(data, offset, offset + length));
        }

        @Override
        public void control(int opcode, byte[] data, int offset, int length) {
            controls.add(opcode);
            controlPayloads.add(Arrays.copyOfRange(data, offset, offset + length));
        }
    }

    private static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /** An unmasked server frame, as the server writes it. */
    private static byte[] serverFrame(boolean fin, int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 10);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length <= 125) {
            frame.put((byte) payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) payload.length);
        } else {
            frame.put((byte) 127).putLong(payload.length);
        }
        frame.put(payload);
        return Arrays.copyOf(frame.array(), frame.position());
    }

    private static Recorded readAll(byte[]... frames) {
        int total = Arrays.stream(frames).mapToInt(f -> f.length).sum();
        ByteBuffer in = ByteBuffer.allocate(total);
        for (byte[] frame : frames) {
            in.put(frame);
        }
        in.flip();
        Recorded recorded = new Recorded();
        assertThat(new WebSocketFrames.Reader().read(in, recorded)).isZero();
        assertThat(in.remaining()).isZero();
        return recorded;
    }

    @Test
    void masksAClientTextFrameWithItsKey() {
        ByteBuffer frame = WebSocketFrames.clientFrame(WebSocketFrames.TEXT, "Hello".getBytes(StandardCharsets.UTF_8),
                0x37FA213D);

        // The masked "Hello" of RFC 6455 §5.7.
        assertThat(Arrays.copyOf(frame.array(), frame.limit())).containsExactly(0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D,
                0x7F, 0x9F, 0x4D, 0x51, 0x58);
    }

    @Test
    void writesTheLengthInTheFormItsSizeNeeds() {
        assertThat(WebSocketFrames.clientFrame(WebSocketFrames.TEXT, payload(125), 1).get(1) & 0xFF)
                .isEqualTo(0x80 | 125);
        ByteBuffer medium = WebSocketFrames.clientFrame(WebSocketFrames.TEXT, payload(126), 1);
        assertThat(medium.get(1) & 0xFF).isEqualTo(0x80 | 126);
        assertThat(medium.getShort(2) & 0xFFFF).isEqualTo(126);
        assertThat(medium.limit()).isEqualTo(4 + 4 + 126);
        ByteBuffer large = WebSocketFrames.clientFrame(WebSocketFrames.TEXT, payload(65_536), 1);
        assertThat(large.get(1) & 0xFF).isEqualTo(0x80 | 127);
        assertThat(large.getLong(2)).isEqualTo(65_536);
        assertThat(large.limit()).isEqualTo(10 + 4 + 65_536);
    }

    @Test
    void readsBackMaskedClientFramesOfEachLengthForm() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536}) {
            ByteBuffer frame = WebSocketFrames.clientFrame(WebSocketFrames.TEXT, payload(length), 0x12345678);
            byte[] bytes = Arrays.copyOf(frame.array(), frame.limit());

            assertThat(readAll(bytes).messages).as("length %d", length).singleElement()
                    .isEqualTo(payload(length));
        }
    }

    @Test
    void readsUnmaskedServerFramesOfEachLengthForm() {
        Recorded recorded = readAll(serverFrame(true, WebSocketFrames.TEXT, payload(125)),
                serverFrame(true, WebSocketFrames.TEXT, payload(126)),
                serverFrame(true, WebSocketFrames.TEXT, payload(65_536)));

        assertThat(recorded.messages).extracting(m -> m.length).containsExactly(125, 126, 65_536);
        assertThat(recorded.messages.get(2)).isEqualTo(payload(65_536));
    }

    @Test
    void joinsFragmentsAndHandsOnAPingBetweenThem() {
        Recorded recorded = readAll(serverFrame(false, WebSocketFrames.TEXT, "{\"type\":".getBytes()),
                serverFrame(true, WebSocketFrames.PING, "hb".getBytes()),
                serverFrame(false, WebSocketFrames.CONTINUATION, "5,\"payload\"".getBytes()),
                serverFrame(true, WebSocketFrames.CONTINUATION, ":{}}".getBytes()),
                serverFrame(true, WebSocketFrames.TEXT, "next".getBytes()));

        assertThat(recorded.messages).extracting(String::new).containsExactly("{\"type\":5,\"payload\":{}}", "next");
        assertThat(recorded.controls).containsExactly(WebSocketFrames.PING);
        assertThat(new String(recorded.controlPayloads.get(0))).isEqualTo("hb");
    }

    @Test
    void leavesAnIncompleteFrameInTheBufferAndAsksForRoomWhenItIsTooBig() {
        byte[] whole = serverFrame(true, WebSocketFrames.TEXT, payload(300));
        WebSocketFrames.Reader reader = new WebSocketFrames.Reader();
        Recorded recorded = new Recorded();

        ByteBuffer small = ByteBuffer.allocate(100).put(whole, 0, 100).flip();
        assertThat(reader.read(small, recorded)).isEqualTo(whole.length);
        assertThat(small.remaining()).isEqualTo(100);

        ByteBuffer part = ByteBuffer.allocate(400).put(whole, 0, 200).flip();
        assertThat(reader.read(part, recorded)).isZero();
        assertThat(recorded.messages).isEmpty();
        part.compact().put(whole, 200, whole.length - 200).flip();
        assertThat(reader.read(part, recorded)).isZero();
        assertThat(recorded.messages).singleElement().isEqualTo(payload(300));
    }

    @Test
    void refusesAContinuationWithoutAMessage() {
        byte[] stray = serverFrame(true, WebSocketFrames.CONTINUATION, "x".getBytes());

        assertThatThrownBy(() -> readAll(stray)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writesTheCloseCodeBeforeTheReason() {
        assertThat(WebSocketFrames.closePayload(1000, "bye".getBytes())).containsExactly(0x03, 0xE8, 'b', 'y', 'e');
    }

    @Test
    void acceptsTheServerKeyOfTheRfcExample() {
        assertThat(NioConnection.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
}
