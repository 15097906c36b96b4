-- Stores one snapshot with its expiry and indexes it by creation time; the index lives as long as
-- its longest-lived snapshot.
-- KEYS: 1 snapshot hash, 2 the session's snapshot index
-- ARGV: 1 expiry millis (by the clock), 2 snapshot JSON, 3 physical TTL ms, 4 created-at micros, 5 snapshot id
redis.call('HSET', KEYS[1], 'exp', ARGV[1], 'body', ARGV[2])
local ttl = tonumber(ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 1
