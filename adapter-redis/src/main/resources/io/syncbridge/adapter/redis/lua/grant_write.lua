-- Writes a grant whole, replacing any grant of that id, with its time to live, in one step.
-- KEYS[1] the grant's hash; ARGV[1] the time to live in milliseconds; ARGV[2..] field, value, ...
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
