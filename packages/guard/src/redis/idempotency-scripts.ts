// The Redis idempotency store's scripts. A record is a hash (state run|done, digest, token while
// running; result and expiresAt once done). Two sorted sets count records for the capacity: `run`
// scores claims by lease deadline on Redis's clock (TIME), `done` scores results by expiry on the
// store's clock (the `now` argument), so each is pruned by the clock that judges it.
//
// KEYS: record, done set, run set. Members are the record's hashed key.

const PRELUDE = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** ARGV: digest, token, now (store clock), leaseMs, capacity, member. Reply: {state[, result]}. */
export const IDEMPOTENCY_BEGIN_LUA = `${PRELUDE}
local now = tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'state', 'digest', 'expiresAt', 'result')
if v[1] == 'done' and now >= tonumber(v[3]) then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[6])
  v = { false }
end
if v[1] then
  if v[2] ~= ARGV[1] then return { 'conflict' } end
  if v[1] == 'run' then return { 'in_flight' } end
  return { 'replay', v[4] }
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', rnow)
if redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[5]) then return { 'full' } end
redis.call('HSET', KEYS[1], 'state', 'run', 'digest', ARGV[1], 'token', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[3], rnow + tonumber(ARGV[4]), ARGV[6])
return { 'new' }
`;

/** ARGV: token, result JSON, expiresAt (store clock), garbage-collection ms, member. Reply: 1 when held. */
export const IDEMPOTENCY_COMPLETE_LUA = `
local v = redis.call('HMGET', KEYS[1], 'state', 'token')
if v[1] ~= 'run' or v[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'done', 'result', ARGV[2], 'expiresAt', ARGV[3])
redis.call('HDEL', KEYS[1], 'token')
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('ZREM', KEYS[3], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[5])
return 1
`;

/** ARGV: token, member. Reply: 1 when held. */
export const IDEMPOTENCY_FAIL_LUA = `
local v = redis.call('HMGET', KEYS[1], 'state', 'token')
if v[1] ~= 'run' or v[2] ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[2])
return 1
`;

/** ARGV: token, leaseMs, member. Reply: 1 when still held (the lease was extended). */
export const IDEMPOTENCY_RENEW_LUA = `${PRELUDE}
local v = redis.call('HMGET', KEYS[1], 'state', 'token')
if v[1] ~= 'run' or v[2] ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[3], rnow + tonumber(ARGV[2]), ARGV[3])
return 1
`;
