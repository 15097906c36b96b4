-- Stores a new session head unless the id is taken; clears what an earlier session of the same id
-- may have left in its log and mutation ids.
-- KEYS: 1 head, 2 log, 3 mutation ids
-- ARGV: 1 revision, 2 version, 3 session JSON, 4 owner, 5 status, 6 active device, 7 expires-at, 8 TTL ms
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'revision', ARGV[1], 'version', ARGV[2], 'session', ARGV[3], 'owner', ARGV[4],
  'status', ARGV[5], 'active_device', ARGV[6], 'expires_at', ARGV[7])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[8]))
return 1
