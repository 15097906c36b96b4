package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.adapter.javalin.json.JsonStream;
import io.syncbridge.domain.state.JsonNumber;
import org.junit.jupiter.api.Test;

class WireMessagesTest {

    @Test
    void writesAV1StateUpdateSet() {
        String frame = WireMessages.stateUpdate("load-device-0", WireMessages.timedValue(123, "xx"));

        assertThat(frame).isEqualTo("{\"type\":5,\"payload\":{\"key\":\"load-device-0\","
                + "\"value\":{\"sent_ns\":123,\"pad\":\"xx\"},\"operation\":\"SET\"}}");
    }

    @Test
    void writesAV2ChangeWithOneAdd() {
        String frame = WireMessages.change("device-1-7", 42, "load-device-1", JsonNumber.of(5));

        assertThat(frame).isEqualTo("{\"type\":10,\"payload\":{\"mutation_id\":\"device-1-7\",\"base_version\":42,"
                + "\"ops\":[{\"op\":\"add\",\"path\":\"/load-device-1\",\"value\":5}]}}");
    }

    @Test
    void writesAnAuthAskingForProtocol2() {
        String frame = WireMessages.authV2("jwt");

        assertThat(JsonStream.read(frame)).isEqualTo(JsonStream.read("{\"type\":7,\"payload\":{\"token\":\"jwt\","
                + "\"protocol\":2,\"device\":{\"type\":\"other\",\"name\":\"load-generator\"}}}"));
    }

    @Test
    void findsTheSendTimeInAV1Broadcast() {
        WireMessages.Incoming message = WireMessages.read("{\"type\":5,\"timestamp\":1707657600,"
                + "\"payload\":{\"key\":\"load-device-0\",\"value\":{\"sent_ns\":987654321012,\"pad\":\"\"}}}");

        assertThat(message.type()).isEqualTo(WireMessages.STATE_UPDATE);
        assertThat(message.sentNanos()).hasValue(987654321012L);
    }

    @Test
    void findsTheSendTimeSenderAndVersionInAV2Delta() {
        WireMessages.Incoming message = WireMessages.read("{\"type\":11,\"payload\":{\"version\":9,"
                + "\"device_id\":\"device-2\",\"mutation_id\":\"device-2-4\",\"ops\":[{\"op\":\"add\","
                + "\"path\":\"/load-device-2\",\"value\":{\"sent_ns\":-77,\"pad\":\"x\"}}]}}");

        assertThat(message.sentNanos()).hasValue(-77);
        assertThat(message.text("device_id")).hasValue("device-2");
        assertThat(message.number("version")).hasValue(9);
    }

    @Test
    void aBroadcastNotMadeByTheLoadRunHasNoSendTime() {
        assertThat(WireMessages.read("{\"type\":5,\"payload\":{\"key\":\"volume\",\"value\":7}}").sentNanos())
                .isEmpty();
        assertThat(WireMessages.read("{\"type\":11,\"payload\":{\"ops\":[]}}").sentNanos()).isEmpty();
        assertThat(WireMessages.read("{\"type\":12,\"payload\":{\"mutation_id\":\"m\"}}").sentNanos()).isEmpty();
    }

    @Test
    void readsAnAckAndTheMutationIdInAnErrorsDetails() {
        WireMessages.Incoming ack = WireMessages.read("{\"type\":12,\"payload\":{\"mutation_id\":\"device-0-1\","
                + "\"version\":3,\"outcome\":\"rebased\"}}");
        WireMessages.Incoming error = WireMessages.read("{\"type\":6,\"payload\":{\"code\":429,"
                + "\"reason\":\"RATE_LIMITED\",\"message\":\"slow down\",\"details\":{\"mutation_id\":\"device-0-2\"}}}");

        assertThat(ack.text("outcome")).hasValue("rebased");
        assertThat(ack.number("version")).hasValue(3);
        assertThat(error.text("reason")).hasValue("RATE_LIMITED");
        assertThat(error.detail("mutation_id")).hasValue("device-0-2");
    }

    @Test
    void aFrameWithoutPayloadHasAnEmptyOne() {
        WireMessages.Incoming message = WireMessages.read("{\"type\":2}");

        assertThat(message.type()).isEqualTo(2);
        assertThat(message.payload().members()).isEmpty();
    }

    @Test
    void refusesFramesThatAreNotTypedObjects() {
        assertThatThrownBy(() -> WireMessages.read("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireMessages.read("{\"type\":\"5\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric type");
        assertThatThrownBy(() -> WireMessages.read("{\"type\":")).isInstanceOf(IllegalArgumentException.class);
    }
}
