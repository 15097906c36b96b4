-- A session head in one consistent read: the head without its state, the state checkpoint, its
-- version, the expiry, and the logged changes after the checkpoint (which rebuild the state).
-- A head of the earlier layout (the whole session in 'session') comes back in the last slot.
-- KEYS: 1 head, 2 log
local head = redis.call('HMGET', KEYS[1], 'head', 'state', 'ckpt_version', 'expires_us', 'session')
if not head[3] then
  return { '', '', '', head[4] or '', {}, head[5] or '' }
end
local tail = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. head[3], '+inf')
return { head[1], head[2], head[3], head[4], tail, '' }
