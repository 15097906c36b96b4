package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/ARCHITECTURE.md traces flows through named files: each one it names must exist, so the document cannot rot. */
class ArchitectureDocTest {

    /** A backticked path into the repository: it starts at a module (or docs/) and has a slash. */
    private static final Pattern PATH = Pattern.compile(
            "`((?:syncbridge-[a-z]+|adapter-[a-z]+|clients|docs|ops)/[^`\\s]*)`");

    @Test
    void everyFileTheArchitectureDocumentNamesExists() throws IOException {
        Path root = repositoryRoot();
        String document = Files.readString(root.resolve("docs/ARCHITECTURE.md"));

        Set<String> named = namedPaths(document);
        List<String> missing = new ArrayList<>();
        for (String path : named) {
            if (!Files.exists(root.resolve(path))) {
                missing.add(path);
            }
        }

        assertThat(named).as("the document names files").hasSizeGreaterThan(30);
        assertThat(missing).as("paths named in docs/ARCHITECTURE.md that do not exist").isEmpty();
    }

    @Test
    void findsTheBacktickedRepositoryPathsOnly() {
        Set<String> named = namedPaths("see `adapter-redis/src/Foo.java`, `io.syncbridge.port.in`, "
                + "`session:{<id>}`, `syncbridge-ports/src/main/java/io/syncbridge/inmemory/` and `docs/x.md`");

        assertThat(named).containsExactly("adapter-redis/src/Foo.java",
                "syncbridge-ports/src/main/java/io/syncbridge/inmemory/", "docs/x.md");
    }

    private static Set<String> namedPaths(String document) {
        Set<String> paths = new LinkedHashSet<>();
        Matcher matcher = PATH.matcher(document);
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }

    /** The tests run in the module's folder; the repository is the first folder above that holds docs/. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/ARCHITECTURE.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/ARCHITECTURE.md above " + here);
    }
}
