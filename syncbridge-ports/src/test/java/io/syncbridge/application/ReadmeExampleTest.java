package io.syncbridge.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.port.in.ChangeResult;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example in the README compiles against the library as it is, and does what it says. */
class ReadmeExampleTest {

    private static final String WRAPPER = """
            import io.syncbridge.application.SyncBridge;
            import io.syncbridge.domain.change.Change;
            import io.syncbridge.domain.change.MutationId;
            import io.syncbridge.domain.device.DeviceId;
            import io.syncbridge.domain.session.Session;
            import io.syncbridge.domain.session.SessionSettings;
            import io.syncbridge.domain.session.UserId;
            import io.syncbridge.domain.state.JsonPointer;
            import io.syncbridge.domain.state.JsonValue;
            import io.syncbridge.domain.state.PatchOperation;
            import io.syncbridge.port.in.Caller;
            import io.syncbridge.port.in.ChangeResult;
            import io.syncbridge.port.in.SessionsUseCase;
            import java.time.Instant;
            import java.util.List;
            import java.util.Optional;
            import java.util.function.Supplier;

            public class ReadmeExample implements Supplier<Object> {
                public Object get() {
            %s
                    return result;
                }
            }
            """;

    @Test
    void theEmbeddingExampleCompilesAndAppliesItsChange(@TempDir Path out) throws Exception {
        String source = WRAPPER.formatted(readmeExample());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            boolean compiled = compiler.getTask(diagnostics, files, null,
                    List.of("-classpath", System.getProperty("java.class.path")), null,
                    List.of(new Source("ReadmeExample", source))).call();
            assertThat(compiled).as("README example compiles:%n%s%n%s", diagnostics, source).isTrue();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Supplier<Object> example = (Supplier<Object>) loader.loadClass("ReadmeExample").getConstructor().newInstance();
            assertThat(example.get()).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                    accepted -> assertThat(accepted.version()).isEqualTo(1));
        }
    }

    /** The first java block of the README at the repository root (tests run in the module's folder). */
    private static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a java example").isTrue();
        return block.group(1);
    }

    /** Java source held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
