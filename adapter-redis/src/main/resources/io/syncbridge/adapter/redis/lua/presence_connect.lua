-- Records one connection of a device; 1 when the device had no other live connection. With
-- ARGV[7] = 'online', the reply is instead that flag followed by the live members (as ZRANGEBYSCORE
-- '(now' '+inf' would list them), so that a joining device learns who is online in the same trip.
-- KEYS: 1 the session's presence set
-- ARGV: 1 member '<deviceId> <connectionId>', 2 '<deviceId> ', 3 ' <connectionId>', 4 expiry millis,
--       5 now millis, 6 grace ms, 7 (optional) 'online'
local now = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local first = 1
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if member ~= ARGV[1] then
    if string.sub(member, 1, #ARGV[2]) == ARGV[2] then
      first = 0
    elseif string.sub(member, -#ARGV[3]) == ARGV[3] and not string.find(string.sub(member, 1, -#ARGV[3] - 1), ' ') then
      redis.call('ZREM', KEYS[1], member) -- the connection id now belongs to another device
    end
  end
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.floor(tonumber(latest[2]) - now + tonumber(ARGV[6])))
if ARGV[7] == 'online' then
  local reply = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[5], '+inf')
  table.insert(reply, 1, first)
  return reply
end
return first
