-- The head's version and expiry and the logged changes above a version, in one consistent read.
-- KEYS: 1 head, 2 log
-- ARGV: 1 the version after which to read
local head = redis.call('HMGET', KEYS[1], 'version', 'expires_us')
local entries = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf')
return { head[1] or '', head[2] or '', entries }
