-- Compare-and-set of a session head on its revision (an expired head counts as absent). With an
-- accepted change it also appends the change to the log (trimmed by count and by age), records the
-- mutation id and publishes the StateChanged event on the session's shard channel: one atomic
-- step, one round trip. A change whose mutation id is recorded already is refused (0), so that a
-- retry is never applied twice without a separate look-up before every commit.
-- KEYS: 1 head, 2 log, 3 mutation ids, 4 feed channel (all with the session's hash tag)
-- ARGV: 1 expected revision, 2 now (epoch micros, by the clock),
--       3 revision, 4 version, 5 session JSON, 6 owner, 7 status, 8 active device ('' for none),
--       9 expires-at micros, 10 physical TTL ms, 11 '1' when a change follows,
--       12 change version, 13 log member '<appliedAtMillis>|<change JSON>', 14 mutation id,
--       15 log capacity, 16 log cut-off millis (entries applied at or before it go), 17 event JSON
local head = redis.call('HMGET', KEYS[1], 'revision', 'expires_us')
if head[1] ~= ARGV[1] or tonumber(head[2]) <= tonumber(ARGV[2]) then
  return 0
end
if ARGV[11] == '1' and redis.call('ZSCORE', KEYS[3], ARGV[14]) then
  return 0
end
redis.call('HSET', KEYS[1], 'revision', ARGV[3], 'version', ARGV[4], 'session', ARGV[5], 'owner', ARGV[6],
  'status', ARGV[7], 'active_device', ARGV[8], 'expires_us', ARGV[9])
local ttl = tonumber(ARGV[10])
redis.call('PEXPIRE', KEYS[1], ttl)
if ARGV[11] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[12], ARGV[13])
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[15]) - 1)
  local cutoff = tonumber(ARGV[16])
  while true do
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
    if #oldest == 0 or tonumber(string.match(oldest[1], '^(%d+)|')) > cutoff then
      break
    end
    redis.call('ZREMRANGEBYRANK', KEYS[2], 0, 0)
  end
  redis.call('ZADD', KEYS[3], ARGV[12], ARGV[14])
  redis.call('SPUBLISH', KEYS[4], ARGV[17])
end
-- the log and the mutation ids live exactly as long as the head (PEXPIRE on a missing key is a no-op)
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
return 1
