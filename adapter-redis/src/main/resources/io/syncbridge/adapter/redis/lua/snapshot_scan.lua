-- Walks a session's snapshots newest first, skipping those expired by the clock and dropping
-- index entries whose snapshot Redis has already expired. Returns the bodies ('list', at most
-- limit of them) or how many there are ('count').
-- KEYS: 1 the session's snapshot index
-- ARGV: 1 snapshot key base ('<prefix>session:{<id>}:snap:'), 2 now millis,
--       3 highest score to include ('+inf', or '(<micros>' for strictly before), 4 limit, 5 'list' or 'count'
local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[3], '-inf')
local now = tonumber(ARGV[2])
local limit = tonumber(ARGV[4])
local bodies = {}
local live = 0
for _, id in ipairs(ids) do
  local fields = redis.call('HMGET', ARGV[1] .. id, 'exp', 'body')
  if not fields[1] then
    redis.call('ZREM', KEYS[1], id)
  elseif tonumber(fields[1]) > now then
    live = live + 1
    if ARGV[5] == 'list' then
      bodies[#bodies + 1] = fields[2]
      if live >= limit then
        break
      end
    end
  end
end
if ARGV[5] == 'count' then
  return live
end
return bodies
