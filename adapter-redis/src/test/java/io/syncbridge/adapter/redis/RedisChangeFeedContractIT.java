package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.contract.ChangeFeedContract;

/** The change feed contract on the Redis at 127.0.0.1:6379, each node with its own connection. */
class RedisChangeFeedContractIT extends ChangeFeedContract {

    private RedisTestBed bed;

    @Override
    protected ChangeFeed create() {
        bed = RedisTestBed.standalone();
        return bed.feed();
    }

    @Override
    protected ChangeFeed otherNode(ChangeFeed feed) {
        return bed.feed();
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }
}
