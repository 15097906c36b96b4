-- Stores a new session head unless the id is taken by a session that has not expired; clears what
-- an earlier session of the same id left in its log and mutation ids. The state is the head's
-- first checkpoint (at the session's version, with an empty log tail).
-- KEYS: 1 head, 2 log, 3 mutation ids
-- ARGV: 1 now micros, 2 revision, 3 version, 4 head JSON (without the state), 5 owner, 6 status,
--       7 active device, 8 expires-at micros, 9 physical TTL ms, 10 created-at micros, 11 state JSON
local expires = redis.call('HGET', KEYS[1], 'expires_us')
if expires and tonumber(expires) > tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'revision', ARGV[2], 'version', ARGV[3], 'head', ARGV[4], 'owner', ARGV[5],
  'status', ARGV[6], 'active_device', ARGV[7], 'expires_us', ARGV[8], 'created_us', ARGV[10],
  'state', ARGV[11], 'ckpt_version', ARGV[3], 'state_bytes', #ARGV[11], 'tail_bytes', 0)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[9]))
return 1
