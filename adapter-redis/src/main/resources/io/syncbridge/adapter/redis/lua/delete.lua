-- Removes a session head with its log and mutation ids; 1 when there was a head.
-- KEYS: 1 head, 2 log, 3 mutation ids
local existed = redis.call('EXISTS', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return existed
