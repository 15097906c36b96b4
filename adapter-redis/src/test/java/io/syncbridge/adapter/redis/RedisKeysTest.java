package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.SnapshotId;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("sb:");
    private final SessionId session = new SessionId("Morning-Flow_42");

    @Test
    void everyKeyAndTheChannelOfOneSessionHashToOneSlot() {
        List<String> all = List.of(keys.head(session), keys.log(session), keys.mutations(session), keys.feed(session),
                keys.snapshot(session, new SnapshotId("snap-1")), keys.snapshots(session), keys.presence(session));

        assertThat(all).extracting(JedisClusterCRC16::getSlot).containsOnly(JedisClusterCRC16.getSlot(session.value()));
    }

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(keys.head(session)).isEqualTo("sb:session:{Morning-Flow_42}:head");
        assertThat(keys.log(session)).isEqualTo("sb:session:{Morning-Flow_42}:log");
        assertThat(keys.mutations(session)).isEqualTo("sb:session:{Morning-Flow_42}:mut");
        assertThat(keys.snapshot(session, new SnapshotId("x"))).isEqualTo("sb:session:{Morning-Flow_42}:snap:x");
        assertThat(keys.snapshots(session)).isEqualTo("sb:session:{Morning-Flow_42}:snaps");
        assertThat(keys.presence(session)).isEqualTo("sb:session:{Morning-Flow_42}:presence");
        assertThat(keys.feed(session)).isEqualTo("sb:session:{Morning-Flow_42}:feed");
        assertThat(keys.handoffToken("tok")).isEqualTo("sb:handoff:tok");
        assertThat(keys.rate("ws:conn-1", 60_000, 7)).isEqualTo("sb:rate:ws:conn-1:60000:7");
    }

    @Test
    void findsTheSessionOfItsOwnFeedChannelsOnly() {
        assertThat(keys.sessionOfFeed(keys.feed(session))).contains(session);
        assertThat(keys.sessionOfFeed("other:session:{Morning-Flow_42}:feed")).isEmpty();
        assertThat(keys.sessionOfFeed(keys.log(session))).isEmpty();
    }
}
