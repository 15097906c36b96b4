package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code genconfig} lists every variable the configuration reads, each documented, as a file the server reads back. */
class GenConfigTest {

    private static String genconfig() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"genconfig"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(Main.OK);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyVariableTheConfigurationReadsIsDocumentedInTheReference() {
        Map<String, String> meanings = GenConfig.documentedMeanings();

        assertThat(Config.variables()).hasSizeGreaterThan(40).allSatisfy(variable ->
                assertThat(meanings.get(variable.name())).as("docs/configuration.md on %s", variable.name())
                        .isNotBlank());
    }

    @Test
    void printsEachVariableWithItsMeaningAndItsDefaultOrCommentedOut() {
        String file = genconfig();

        for (Config.Variable variable : Config.variables()) {
            String line = variable.fallback().isEmpty() ? "#" + variable.name() + "=\n"
                    : variable.name() + "=" + variable.fallback() + "\n";
            assertThat(file).as(variable.name()).contains("\n" + line);
        }
        assertThat(file).contains("\nSERVER_ADDR=:8080\n").contains("\n#REDIS_ADDR=\n").contains("\nLOG_FORMAT=auto\n");
    }

    @Test
    void theServerReadsThePrintedFileBackAsItsDefaults() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : genconfig().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                env.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }

        assertThat(Config.from(env)).usingRecursiveComparison().ignoringFields("jwt")
                .isEqualTo(Config.from(Map.of()));
    }

    @Test
    void readsTheMeaningsFromTheReferenceTables() {
        Map<String, String> meanings = GenConfig.meanings("""
                | variable | default | meaning |
                |---|---|---|
                | `A_ONE`, `A_TWO` | unset | the `two` of them |
                | `B` | `5` | a b |
                not a row `C`
                """);

        assertThat(meanings).containsExactlyEntriesOf(new LinkedHashMap<>(Map.of("A_ONE", "the two of them")) {{
            put("A_TWO", "the two of them");
            put("B", "a b");
        }});
        assertThat(List.copyOf(meanings.keySet())).containsExactly("A_ONE", "A_TWO", "B");
    }
}
