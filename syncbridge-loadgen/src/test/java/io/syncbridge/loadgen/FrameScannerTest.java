package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

    private final FrameScanner scanner = new FrameScanner();

    private boolean scan(String frame) {
        byte[] utf8 = ("  padding before " + frame + " after").getBytes(StandardCharsets.UTF_8);
        int offset = "  padding before ".length();
        return scanner.scan(utf8, offset, frame.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void findsTheTypeAndSendTimeOfAV1Broadcast() {
        String frame = WireMessages.stateUpdate("load-device-0", WireMessages.timedValue(987654321012L, "xx"));

        assertThat(scan(frame)).isTrue();
        assertThat(scanner.type()).isEqualTo(WireMessages.STATE_UPDATE);
        assertThat(scanner.hasSentNanos()).isTrue();
        assertThat(scanner.sentNanos()).isEqualTo(987654321012L);
    }

    @Test
    void findsTheSendTimeSenderAndVersionOfAV2Delta() {
        assertThat(scan("{\"type\":11,\"timestamp\":1707657600,\"payload\":{\"version\":9,"
                + "\"device_id\":\"device-2\",\"mutation_id\":\"device-2-4\",\"ops\":[{\"op\":\"add\","
                + "\"path\":\"/load-device-2\",\"value\":{\"sent_ns\":-77,\"pad\":\"x\"}}]}}")).isTrue();

        assertThat(scanner.type()).isEqualTo(WireMessages.DELTA);
        assertThat(scanner.sentNanos()).isEqualTo(-77);
        assertThat(scanner.version()).isEqualTo(9);
        assertThat(scanner.deviceIdIs("device-2".getBytes())).isTrue();
        assertThat(scanner.deviceIdIs("device-1".getBytes())).isFalse();
    }

    @Test
    void readsTheMutationOutcomeAndVersionOfAnAck() {
        assertThat(scan("{ \"payload\" : { \"outcome\" : \"rebased\" , \"mutation_id\" : \"device-0-41\" ,"
                + " \"version\" : 120 } , \"type\" : 12 }")).isTrue();

        assertThat(scanner.type()).isEqualTo(WireMessages.CHANGE_ACK);
        assertThat(scanner.mutationId()).isEqualTo("device-0-41");
        assertThat(scanner.outcome()).isEqualTo("rebased");
        assertThat(scanner.version()).isEqualTo(120);
        assertThat(scanner.hasSentNanos()).isFalse();
    }

    @Test
    void isNotFooledByFieldNamesInsideEscapedStrings() {
        assertThat(scan("{\"type\":5,\"payload\":{\"key\":\"a\\\"}, \\\"sent_ns\\\":1, \\\"type\\\":9 \\\\\","
                + "\"note\":\"\\\"version\\\":3\",\"value\":{\"pad\":\"{\\\"sent_ns\\\":2}\",\"sent_ns\":42}}}"))
                .isTrue();

        assertThat(scanner.type()).isEqualTo(WireMessages.STATE_UPDATE);
        assertThat(scanner.sentNanos()).isEqualTo(42);
        assertThat(scanner.hasVersion()).isFalse();
    }

    @Test
    void takesOnlyTheEnvelopesTypeAndThePayloadsFields() {
        assertThat(scan("{\"type\":11,\"payload\":{\"ops\":[{\"op\":\"add\",\"path\":\"/k\",\"value\":"
                + "{\"type\":5,\"version\":1,\"device_id\":\"device-0\",\"sent_ns\":5}}],\"device_id\":\"device-3\"}}"))
                .isTrue();

        assertThat(scanner.type()).isEqualTo(WireMessages.DELTA);
        assertThat(scanner.hasVersion()).isFalse();
        assertThat(scanner.deviceIdIs("device-0".getBytes())).isFalse();
        assertThat(scanner.deviceIdIs("device-3".getBytes())).isTrue();
        assertThat(scanner.sentNanos()).isEqualTo(5);
    }

    @Test
    void aBroadcastNotMadeByTheLoadRunHasNoSendTime() {
        assertThat(scan("{\"type\":5,\"payload\":{\"key\":\"volume\",\"value\":7}}")).isTrue();

        assertThat(scanner.hasSentNanos()).isFalse();
    }

    @Test
    void forgetsTheLastFramesFields() {
        scan("{\"type\":12,\"payload\":{\"mutation_id\":\"m\",\"outcome\":\"applied\",\"version\":3}}");

        assertThat(scan("{\"type\":5,\"payload\":{}}")).isTrue();
        assertThat(scanner.mutationId()).isNull();
        assertThat(scanner.outcome()).isNull();
        assertThat(scanner.hasVersion()).isFalse();
    }

    @Test
    void leavesToTheFullParseWhatItCannotReadForCertain() {
        assertThat(scan("{\"payload\":{}}")).as("no type").isFalse();
        assertThat(scan("{\"type\":5.5,\"payload\":{}}")).as("a fractional type").isFalse();
        assertThat(scan("{\"type\":12,\"payload\":{\"mutation_id\":\"a\\u0062\"}}")).as("an escaped id").isFalse();
        assertThat(scan("{\"type\":5,\"payload\":{\"value\":{\"sent_ns\":1e9}}}")).as("an exponent").isFalse();
        assertThat(scan("{\"type\":5,\"payload\":{\"key\":\"unclosed}}")).as("an unclosed string").isFalse();
        assertThat(scan("{\"type\":5,\"payload\":{}")).as("an unclosed object").isFalse();
    }
}
