package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which source address each socket of the NIO client is bound to. */
class NioWebSocketClientTest {

    @Test
    void socketsToAnIpv4LoopbackServerTakeTheLoopbackSourceAddressesInTurn() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
        try (NioWebSocketClient client = new NioWebSocketClient()) {
            Set<String> sources = new LinkedHashSet<>();
            for (int i = 0; i < 2 * NioWebSocketClient.LOOPBACK_SOURCES; i++) {
                InetSocketAddress source = client.sourceFor(server);
                assertThat(source.getPort()).as("the port is the kernel's choice").isZero();
                sources.add(source.getAddress().getHostAddress());
            }

            assertThat(sources).hasSize(NioWebSocketClient.LOOPBACK_SOURCES)
                    .first().isEqualTo("127.0.0.2");
            assertThat(sources).allMatch(a -> a.startsWith("127.0.0.") && !a.equals("127.0.0.1"));
        }
    }

    @Test
    void socketsToAnIpv6LoopbackServerLeaveTheSourceToTheKernel() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("::1"), 8080);
        try (NioWebSocketClient client = new NioWebSocketClient()) {
            assertThat(client.sourceFor(server)).isNull();
        }
    }
}
