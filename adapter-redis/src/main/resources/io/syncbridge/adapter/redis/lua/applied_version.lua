-- The version a mutation id produced, unless the session is unknown or expired.
-- KEYS: 1 head, 2 mutation ids
-- ARGV: 1 now micros, 2 mutation id
local expires = redis.call('HGET', KEYS[1], 'expires_us')
if not expires or tonumber(expires) <= tonumber(ARGV[1]) then
  return false
end
return redis.call('ZSCORE', KEYS[2], ARGV[2])
