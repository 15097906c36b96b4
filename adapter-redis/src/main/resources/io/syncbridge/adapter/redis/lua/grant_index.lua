-- Adds a grant id to index sets and keeps each set at least as long as its newest grant.
-- KEYS the index sets (of one hash slot); ARGV[1] the grant id; ARGV[2] the grant's time to live in milliseconds.
local ttl = tonumber(ARGV[2])
for _, set in ipairs(KEYS) do
  redis.call('SADD', set, ARGV[1])
  if redis.call('PTTL', set) < ttl then
    redis.call('PEXPIRE', set, ttl)
  end
end
return 1
