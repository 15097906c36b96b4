-- Counts one request in a fixed window; the counter expires with its window.
-- KEYS: 1 the window's counter
-- ARGV: 1 TTL ms
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return count
