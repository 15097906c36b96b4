package io.syncbridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code genconfig}: every variable the configuration reads, as an env file with its default and
 * its meaning, the meaning taken from docs/configuration.md (packed into the jar), so that the
 * file and the reference cannot say different things.
 */
final class GenConfig {

    private static final String REFERENCE = "/io/syncbridge/app/configuration.md";
    /** A row of a variables table: its first cell names one or more variables in backticks. */
    private static final Pattern ROW = Pattern.compile("^\\|([^|]*`[A-Z][A-Z0-9_]*`[^|]*)\\|([^|]*)\\|(.*)\\|\\s*$");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private GenConfig() {
    }

    /** Each documented variable's meaning, from the reference's tables (markdown backticks removed). */
    static Map<String, String> documentedMeanings() {
        try (InputStream in = GenConfig.class.getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new IllegalStateException("the configuration reference is missing from the jar: " + REFERENCE);
            }
            return meanings(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> meanings(String markdown) {
        Map<String, String> meanings = new LinkedHashMap<>();
        for (String line : markdown.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String meaning = row.group(3).replace("`", "").replace("\\|", "|").trim();
            Matcher names = NAME.matcher(row.group(1));
            while (names.find()) {
                meanings.putIfAbsent(names.group(1), meaning);
            }
        }
        return meanings;
    }

    /**
     * The env file: a comment with each variable's meaning and the values it takes, then the
     * variable set to its default, or commented out when it has none.
     */
    static String envFile(List<Config.Variable> variables, Map<String, String> meanings) {
        StringBuilder file = new StringBuilder();
        file.append("# SyncBridge configuration: every variable the server reads, with its default.\n")
                .append("# With nothing set the server runs in memory. Variables without a default are\n")
                .append("# commented out: set the ones you need. Reference: docs/configuration.md.\n");
        for (Config.Variable variable : variables) {
            file.append('\n');
            String meaning = meanings.get(variable.name());
            if (meaning != null && !meaning.isEmpty()) {
                file.append("# ").append(meaning).append('\n');
            }
            if (!variable.expected().isEmpty()) {
                file.append("# takes: ").append(variable.expected()).append('\n');
            }
            if (variable.fallback().isEmpty()) {
                file.append('#').append(variable.name()).append("=\n");
            } else {
                file.append(variable.name()).append('=').append(variable.fallback()).append('\n');
            }
        }
        return file.toString();
    }
}
