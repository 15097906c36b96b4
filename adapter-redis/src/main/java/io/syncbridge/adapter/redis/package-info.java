/**
 * Redis adapter: the hot session head with its compare-and-set, the capped change log, mutation
 * ids, snapshots, presence, rate limits, handoff tokens and the cross-node change feed (sharded
 * pub/sub). Every key of one session shares the hash tag {@code {<sessionId>}}, so each script
 * touches one slot and the same code runs on a single Redis and on a Redis Cluster.
 * {@link io.syncbridge.adapter.redis.RedisConnection} is the entry point.
 */
package io.syncbridge.adapter.redis;
