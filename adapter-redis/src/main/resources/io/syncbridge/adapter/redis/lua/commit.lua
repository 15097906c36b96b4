-- Compare-and-set of a session head on its revision and incarnation (an expired head counts as
-- absent). The state is not rewritten: the head keeps a checkpoint of the state at ckpt_version and
-- the log holds every change after it, so a change costs its own size whatever the state's size.
-- With an accepted change it appends the change to the log, records the mutation id and publishes
-- the StateChanged event on the session's shard channel: one atomic step, one round trip.
-- KEYS: 1 head, 2 log, 3 mutation ids, 4 feed channel (all with the session's hash tag)
-- ARGV: 1 expected revision, 2 now (epoch micros, by the clock), 3 created-at micros (incarnation),
--       4 revision, 5 version, 6 head JSON (the session without its state), 7 owner, 8 status,
--       9 active device ('' for none), 10 expires-at micros, 11 physical TTL ms,
--       12 checkpoint: the state JSON at version ARGV[5], or '' to keep the checkpoint,
--       13 '1' when a change follows, 14 change version, 15 log member '<appliedAtMillis>|<change JSON>',
--       16 mutation id, 17 log capacity, 18 log cut-off millis, 19 event JSON,
--       20 checkpoint after this many changes in the tail
-- Returns 0 refused (nothing written), 1 committed, 2 committed and a checkpoint is due (the
-- caller sends the state with a later commit), 3 refused because the head has no checkpoint yet
-- (a head of the earlier layout): send the state with this commit.
local head = redis.call('HMGET', KEYS[1], 'revision', 'expires_us', 'created_us', 'ckpt_version', 'tail_bytes',
  'state_bytes')
if head[1] ~= ARGV[1] or tonumber(head[2]) <= tonumber(ARGV[2]) or (head[3] and head[3] ~= ARGV[3]) then
  return 0
end
local checkpoint = ARGV[12] ~= ''
if not checkpoint and not head[4] then
  return 3
end
local changed = ARGV[13] == '1'
if changed and redis.call('ZSCORE', KEYS[3], ARGV[16]) then
  return 0
end
redis.call('HSET', KEYS[1], 'revision', ARGV[4], 'version', ARGV[5], 'head', ARGV[6], 'owner', ARGV[7],
  'status', ARGV[8], 'active_device', ARGV[9], 'expires_us', ARGV[10], 'created_us', ARGV[3])
local checkpointVersion = tonumber(head[4])
local tailBytes = tonumber(head[5]) or 0
if checkpoint then
  checkpointVersion = tonumber(ARGV[5])
  tailBytes = 0
  redis.call('HSET', KEYS[1], 'state', ARGV[12], 'ckpt_version', ARGV[5], 'state_bytes', #ARGV[12], 'tail_bytes', 0)
  redis.call('HDEL', KEYS[1], 'session')
end
local ttl = tonumber(ARGV[11])
redis.call('PEXPIRE', KEYS[1], ttl)
local due = false
if changed then
  redis.call('ZADD', KEYS[2], ARGV[14], ARGV[15])
  if not checkpoint then
    tailBytes = tailBytes + #ARGV[15]
    redis.call('HSET', KEYS[1], 'tail_bytes', tailBytes)
    due = tonumber(ARGV[14]) - checkpointVersion >= tonumber(ARGV[20])
      or tailBytes >= (tonumber(head[6]) or 0)
  end
  -- Only entries the checkpoint covers may go: those after it rebuild the state on load.
  local covered = redis.call('ZCOUNT', KEYS[2], '-inf', checkpointVersion)
  local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[17])
  if excess > 0 and covered > 0 then
    redis.call('ZREMRANGEBYRANK', KEYS[2], 0, math.min(excess, covered) - 1)
  end
  local cutoff = tonumber(ARGV[18])
  while true do
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    if #oldest == 0 or tonumber(oldest[2]) > checkpointVersion
        or tonumber(string.match(oldest[1], '^(%d+)|')) > cutoff then
      break
    end
    redis.call('ZREMRANGEBYRANK', KEYS[2], 0, 0)
  end
  redis.call('ZADD', KEYS[3], ARGV[14], ARGV[16])
  redis.call('SPUBLISH', KEYS[4], ARGV[19])
end
-- the log and the mutation ids live exactly as long as the head (PEXPIRE on a missing key is a no-op)
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
if due then
  return 2
end
return 1
