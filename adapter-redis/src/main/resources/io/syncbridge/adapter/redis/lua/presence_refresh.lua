-- Extends a live connection's entry; a closed or expired one stays gone (no ghosts from late heartbeats).
-- KEYS: 1 the session's presence set
-- ARGV: 1 member '<deviceId> <connectionId>', 2 expiry millis, 3 now millis, 4 grace ms
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZADD', KEYS[1], 'XX', 'CH', ARGV[2], ARGV[1]) == 0 and not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.floor(tonumber(latest[2]) - now + tonumber(ARGV[4])))
return 1
