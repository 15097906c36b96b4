package io.syncbridge.domain.state;

import static io.syncbridge.domain.state.Json.add;
import static io.syncbridge.domain.state.Json.document;
import static io.syncbridge.domain.state.Json.object;
import static io.syncbridge.domain.state.Json.remove;
import static io.syncbridge.domain.state.Json.replace;
import static io.syncbridge.domain.state.Json.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.syncbridge.domain.error.SyncError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v1 SET and DELETE operations, and applying a change in order, all or nothing. */
class StateDocumentApplyTest {

    private static JsonObject apply(String doc, PatchOperation... operations) {
        return document(doc).apply(List.of(operations), StateLimits.DEFAULT).root();
    }

    @Test
    void setKeyCreatesMember() {
        assertThat(apply("{'a':1}", new PatchOperation.SetKey("b", value("{'c':[]}"))))
                .isEqualTo(object("{'a':1,'b':{'c':[]}}"));
    }

    @Test
    void setKeyReplacesMemberInPlace() {
        assertThat(JsonCodec.write(apply("{'a':1,'b':2}", new PatchOperation.SetKey("a", value("'x'")))))
                .isEqualTo("{\"a\":\"x\",\"b\":2}");
    }

    @Test
    void setKeyTakesTheKeyLiterallyNotAsAPointer() {
        assertThat(apply("{}", new PatchOperation.SetKey("a/b", value("1")), new PatchOperation.SetKey("", value("2"))))
                .isEqualTo(object("{'a/b':1,'':2}"));
    }

    @Test
    void deleteKeyRemovesMember() {
        assertThat(apply("{'a':1,'b':2}", new PatchOperation.DeleteKey("a"))).isEqualTo(object("{'b':2}"));
    }

    @Test
    void deleteKeyIgnoresAbsentKey() {
        StateDocument before = document("{'a':1}");

        StateDocument after = before.apply(List.of(new PatchOperation.DeleteKey("zzz")), StateLimits.DEFAULT);

        assertThat(after).isEqualTo(before);
    }

    @Test
    void appliesOperationsInOrder() {
        assertThat(apply("{}", add("/a", "{}"), add("/a/b", "[]"), add("/a/b/-", "1"), replace("/a/b/0", "2")))
                .isEqualTo(object("{'a':{'b':[2]}}"));
    }

    @Test
    void rollsBackWholeChangeWhenOneOperationFails() {
        StateDocument before = document("{'a':1,'list':[1]}");
        String checksum = before.checksum();

        assertThatExceptionOfType(SyncError.InvalidState.class).isThrownBy(() -> before.apply(
                List.of(add("/b", "2"), remove("/a"), add("/list/-", "2"), remove("/missing")),
                StateLimits.DEFAULT));

        assertThat(before.root()).isEqualTo(object("{'a':1,'list':[1]}"));
        assertThat(before.checksum()).isEqualTo(checksum);
    }

    @Test
    void rollsBackWhenTheResultBreaksALimit() {
        StateDocument before = document("{'a':1}");

        assertThatExceptionOfType(SyncError.StateTooLarge.class).isThrownBy(() -> before.apply(
                List.of(add("/b", "'" + "x".repeat(100) + "'")), new StateLimits(50, 8)));

        assertThat(before.root()).isEqualTo(object("{'a':1}"));
    }

    @Test
    void sharesUntouchedBranches() {
        StateDocument before = document("{'big':{'x':[1,2,3]},'list':[{'k':1},{'k':2}],'n':{'m':1}}");

        StateDocument after = before.apply(List.of(replace("/list/1/k", "3")), StateLimits.DEFAULT);

        JsonObject oldRoot = before.root();
        JsonObject newRoot = after.root();
        assertThat(newRoot.get("big").orElseThrow()).isSameAs(oldRoot.get("big").orElseThrow());
        assertThat(newRoot.get("n").orElseThrow()).isSameAs(oldRoot.get("n").orElseThrow());
        assertThat(((JsonArray) newRoot.get("list").orElseThrow()).elements().get(0))
                .isSameAs(((JsonArray) oldRoot.get("list").orElseThrow()).elements().get(0));
        assertThat(after.valueAt(JsonPointer.parse("/list/1/k"))).contains(JsonNumber.of(3));
    }

    @Test
    void keepsDocumentForEmptyOperationList() {
        StateDocument before = document("{'a':[1]}");

        assertThat(before.apply(List.of(), StateLimits.DEFAULT)).isEqualTo(before);
    }
}
