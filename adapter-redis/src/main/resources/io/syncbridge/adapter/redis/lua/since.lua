-- The head's version and the logged changes above a version, in one consistent read.
-- KEYS: 1 head, 2 log
-- ARGV: 1 the version after which to read
local version = redis.call('HGET', KEYS[1], 'version')
local entries = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf')
return { version or '', entries }
