-- Removes every snapshot of a session and its index.
-- KEYS: 1 the session's snapshot index
-- ARGV: 1 snapshot key base
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', ARGV[1] .. id)
end
redis.call('DEL', KEYS[1])
return 1
