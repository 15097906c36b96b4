-- Removes one connection; 1 when its device has no live connection left.
-- KEYS: 1 the session's presence set
-- ARGV: 1 member '<deviceId> <connectionId>', 2 '<deviceId> ', 3 now millis
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[3]))
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(member, 1, #ARGV[2]) == ARGV[2] then
    return 0
  end
end
return 1
