-- Compare-and-set of a session head on its revision. With an accepted change it also appends the
-- change to the log (trimmed by count and by age), records the mutation id (trimmed by count) and
-- publishes the StateChanged event on the session's shard channel: one atomic step, one round trip.
-- KEYS: 1 head, 2 log, 3 mutation ids, 4 feed channel (all with the session's hash tag)
-- ARGV: 1 expected revision, 2 revision, 3 version, 4 session JSON, 5 owner, 6 status,
--       7 active device ('' for none), 8 expires-at, 9 physical TTL ms, 10 '1' when a change follows,
--       11 change version, 12 log member '<appliedAtMillis>|<change JSON>', 13 mutation id,
--       14 log capacity, 15 log cut-off millis (older entries go), 16 mutation ids kept, 17 event JSON
if redis.call('HGET', KEYS[1], 'revision') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'revision', ARGV[2], 'version', ARGV[3], 'session', ARGV[4], 'owner', ARGV[5],
  'status', ARGV[6], 'active_device', ARGV[7], 'expires_at', ARGV[8])
local ttl = tonumber(ARGV[9])
redis.call('PEXPIRE', KEYS[1], ttl)
if ARGV[10] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[11], ARGV[12])
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[14]) - 1)
  local cutoff = tonumber(ARGV[15])
  while true do
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
    if #oldest == 0 or tonumber(string.match(oldest[1], '^(%d+)|')) >= cutoff then
      break
    end
    redis.call('ZREMRANGEBYRANK', KEYS[2], 0, 0)
  end
  redis.call('ZADD', KEYS[3], ARGV[11], ARGV[13])
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[16]) - 1)
  redis.call('SPUBLISH', KEYS[4], ARGV[17])
end
-- the log and the mutation ids live exactly as long as the head (PEXPIRE on a missing key is a no-op)
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
return 1
