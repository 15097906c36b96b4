package io.syncbridge.domain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.syncbridge.domain.error.SyncError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared conformance cases ({@code clients/conformance/*.json}) against the domain: the browser
 * client runs the same files, so JSON Pointer parsing and patch application cannot drift apart.
 */
class ConformanceCasesTest {

    private static final Path CASES = locateCases();

    @Test
    void findsTheSharedCaseFiles() {
        assertThat(caseFiles()).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> pointersParseAsTheCasesSay() {
        return caseFiles().stream().flatMap(file -> members(file, "pointers").stream().map(item -> {
            JsonObject c = (JsonObject) item;
            String pointer = text(c, "pointer");
            return DynamicTest.dynamicTest(file.getFileName() + ": " + text(c, "name"), () -> {
                if (c.members().containsKey("error")) {
                    Throwable error = catchThrowable(() -> JsonPointer.parse(pointer));
                    assertThat(error).isInstanceOf(SyncError.class);
                    assertThat(((SyncError) error).reason().name()).isEqualTo(text(c, "error"));
                } else {
                    List<String> tokens = ((JsonArray) c.members().get("tokens")).elements().stream()
                            .map(token -> ((JsonString) token).value()).toList();
                    assertThat(JsonPointer.parse(pointer).tokens()).containsExactlyElementsOf(tokens);
                    assertThat(JsonPointer.parse(pointer).toString()).isEqualTo(pointer);
                }
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> patchesApplyAsTheCasesSay() {
        return caseFiles().stream().flatMap(file -> members(file, "cases").stream().map(item -> {
            JsonObject c = (JsonObject) item;
            return DynamicTest.dynamicTest(file.getFileName() + ": " + text(c, "name"), () -> {
                StateDocument state = StateDocument.of((JsonObject) c.members().get("state"));
                if (c.members().containsKey("error")) {
                    Throwable error = catchThrowable(() -> state.apply(operations(c), StateLimits.DEFAULT));
                    assertThat(error).as("the domain refuses the operations").isInstanceOf(SyncError.class);
                    assertThat(((SyncError) error).reason().name()).isEqualTo(text(c, "error"));
                } else {
                    assertThat(state.apply(operations(c), StateLimits.DEFAULT).root())
                            .isEqualTo(c.members().get("result"));
                }
            });
        }));
    }

    /** Wire operations to domain operations; a malformed pointer throws, as the case expects. */
    private static List<PatchOperation> operations(JsonObject c) {
        List<PatchOperation> operations = new ArrayList<>();
        for (JsonValue item : ((JsonArray) c.members().get("ops")).elements()) {
            JsonObject op = (JsonObject) item;
            JsonValue value = op.members().getOrDefault("value", JsonNull.INSTANCE);
            operations.add(switch (text(op, "op")) {
                case "add" -> new PatchOperation.Add(JsonPointer.parse(text(op, "path")), value);
                case "replace" -> new PatchOperation.Replace(JsonPointer.parse(text(op, "path")), value);
                case "remove" -> new PatchOperation.Remove(JsonPointer.parse(text(op, "path")));
                case "move" -> new PatchOperation.Move(JsonPointer.parse(text(op, "from")), JsonPointer.parse(text(op, "path")));
                case "copy" -> new PatchOperation.Copy(JsonPointer.parse(text(op, "from")), JsonPointer.parse(text(op, "path")));
                case "test" -> new PatchOperation.Test(JsonPointer.parse(text(op, "path")), value);
                case "SET" -> new PatchOperation.SetKey(text(op, "key"), value);
                case "DELETE" -> new PatchOperation.DeleteKey(text(op, "key"));
                default -> throw new IllegalArgumentException("unknown op in a conformance case: " + op);
            });
        }
        return operations;
    }

    private static String text(JsonObject object, String name) {
        return ((JsonString) object.members().get(name)).value();
    }

    private static List<JsonValue> members(Path file, String name) {
        try {
            JsonObject root = (JsonObject) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            JsonValue list = root.members().get(name);
            return list == null ? List.of() : ((JsonArray) list).elements();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> caseFiles() {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** clients/conformance in the repository, found from the module directory the tests run in. */
    private static Path locateCases() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("clients").resolve("conformance");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("clients/conformance not found above " + Path.of("").toAbsolutePath());
    }
}
