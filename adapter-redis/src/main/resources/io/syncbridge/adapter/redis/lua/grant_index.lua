-- Adds a grant id to one index set and keeps the set at least as long as its newest grant.
-- KEYS[1] the index set; ARGV[1] the grant id; ARGV[2] the grant's time to live in milliseconds.
redis.call('SADD', KEYS[1], ARGV[1])
local ttl = tonumber(ARGV[2])
if redis.call('PTTL', KEYS[1]) < ttl then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
