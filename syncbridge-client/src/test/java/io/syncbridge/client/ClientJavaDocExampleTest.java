package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.state.JsonValue;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/client-java.md and of the README compile as written and do what they say, against a real server. */
class ClientJavaDocExampleTest {

    private static final String WRAPPER = """
            import io.syncbridge.client.*;
            import io.syncbridge.domain.state.*;
            import java.net.URI;
            import java.nio.file.Path;
            import java.util.List;
            import java.util.concurrent.*;

            public class %s {
                public static Object run(URI endpoint, TokenSource tokens, Path storeDirectory) throws Exception {
            %s
                    return accepted;
                }
            }
            """;

    /** A server per example: both use the session id "session-42". */
    private static TestServer server;

    @BeforeEach
    void startServer() {
        server = TestServer.inMemory();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theClientDocsExampleCompilesAndItsChangeIsAcknowledged(@TempDir Path out, @TempDir Path store)
            throws Exception {
        String user = TestServer.newId("user");
        Object accepted = compileAndRun("ClientDocExample", javaBlock(Path.of("..", "docs", "client-java.md"), ""),
                out, user, store);

        assertThat(accepted).isInstanceOfSatisfying(ChangeAck.class, ack -> {
            assertThat(ack.version()).isEqualTo(1);
            assertThat(ack.outcome()).isEqualTo(ChangeOutcome.APPLIED);
        });
        assertThat(server.session(user, "session-42").state().root().get("position")).contains(JsonValue.of(42));
    }

    @Test
    void theReadmeClientExampleCompilesAndItsChangeIsAcknowledged(@TempDir Path out, @TempDir Path store)
            throws Exception {
        String user = TestServer.newId("user");
        Object accepted = compileAndRun("ReadmeClientExample", javaBlock(Path.of("..", "README.md"), "SyncClient"),
                out, user, store);

        assertThat(accepted).isInstanceOfSatisfying(ChangeAck.class, ack -> assertThat(ack.version()).isEqualTo(1));
        assertThat(server.session(user, "session-42").state().root().get("pose")).contains(JsonValue.of("tree"));
    }

    private static Object compileAndRun(String className, String block, Path out, String user, Path store)
            throws Exception {
        String source = WRAPPER.formatted(className, block);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            boolean compiled = compiler.getTask(diagnostics, files, null,
                    List.of("-classpath", System.getProperty("java.class.path")), null,
                    List.of(new Source(className, source))).call();
            assertThat(compiled).as("the example compiles:%n%s%n%s", diagnostics, source).isTrue();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ClientJavaDocExampleTest.class.getClassLoader())) {
            Method run = loader.loadClass(className).getMethod("run", URI.class, TokenSource.class, Path.class);
            TokenSource tokens = () -> server.sessionToken(user, "session-42", "laptop");
            return run.invoke(null, server.endpoint(), tokens, store);
        }
    }

    /** The first java block of the file that contains {@code marker}. */
    private static String javaBlock(Path file, String marker) throws IOException {
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(file));
        while (block.find()) {
            if (block.group(1).contains(marker)) {
                return block.group(1);
            }
        }
        throw new AssertionError(file + " has no java block with " + marker);
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
