// Type declarations of the SyncBridge browser client (syncbridge.js). API guide: docs/client-js.md.

export declare const PROTOCOL: 2;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The RFC 6902 operations with JSON Pointer paths, or the v1 SET / DELETE of a top-level key. */
export type Operation =
  | { op: 'add'; path: string; value: Json }
  | { op: 'replace'; path: string; value: Json }
  | { op: 'remove'; path: string }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: Json }
  | { op: 'SET'; key: string; value?: Json }
  | { op: 'DELETE'; key: string };

export type Reason =
  | 'INVALID_PATH' | 'INVALID_STATE' | 'INVALID_REQUEST' | 'QUEUE_FULL' | 'VERSION_CONFLICT' | 'OFFLINE'
  | 'TOKEN_UNAVAILABLE' | 'STORE_FAILED' | 'UNSUPPORTED' | string;

export declare class SyncBridgeError extends Error {
  readonly reason: Reason;
  readonly details: Record<string, unknown>;
  constructor(reason: Reason, message: string, details?: Record<string, unknown>);
}

export declare function parsePointer(text: string): string[];
export declare function formatPointer(tokens: string[]): string;
export declare function checkOperation(op: Operation): Operation;
/** Applies operations in order, all or nothing; the given state is not modified. */
export declare function applyPatch<T extends JsonObject>(state: T, ops: Operation[]): JsonObject;
export declare function pathsOverlap(a: string[][], b: string[][]): boolean;

export interface BackoffOptions { initialMs?: number; maxMs?: number }
/** Full jitter: a random delay in [0, min(maxMs, initialMs * 2^attempt)). */
export declare function backoffDelay(attempt: number, options?: BackoffOptions, random?: () => number): number;

export interface PendingChange { mutationId: string; baseVersion: number; ops: Operation[] }

export interface StoredClient {
  serverState: JsonObject;
  serverVersion: number;
  pending: PendingChange[];
  remoteLog: { version: number; paths: string[][] }[];
  remoteFrom: number;
  activeDeviceId: string | null;
}

/** Where a client keeps what it must not lose; one record per session and device. */
export interface LocalStore {
  load(key: string): Promise<StoredClient | undefined>;
  save(key: string, record: StoredClient): Promise<void>;
  clear(key: string): Promise<void>;
}

export declare class MemoryStore implements LocalStore {
  load(key: string): Promise<StoredClient | undefined>;
  save(key: string, record: StoredClient): Promise<void>;
  clear(key: string): Promise<void>;
}

export declare class IndexedDbStore implements LocalStore {
  constructor(databaseName?: string, options?: { indexedDB?: IDBFactory });
  load(key: string): Promise<StoredClient | undefined>;
  save(key: string, record: StoredClient): Promise<void>;
  clear(key: string): Promise<void>;
  close(): void;
}

export interface TokenContext {
  /** 'connect' for an ordinary (re)connection, 'expired' after the server refused the last token. */
  reason: 'connect' | 'expired';
  /** The fresh session-scoped token of the last AuthSuccess (or of a claimed handoff), if any. */
  lastToken: string | null;
}

export type TokenSupplier = (context: TokenContext) => string | Promise<string>;

export interface ConflictInfo {
  mutationId: string;
  baseVersion: number;
  currentVersion: number;
  conflicts: { path: string; currentValue?: Json }[];
}

/** 'reapply' (default): send the same operations again on the new state; 'drop': the server wins. */
export type ConflictHandler =
  | 'reapply'
  | 'drop'
  | ((context: { change: PendingChange; conflict: ConflictInfo; serverState: JsonObject }) =>
      Operation[] | 'reapply' | 'drop' | null | undefined);

export interface DeviceDescription { type?: 'web' | 'ios' | 'android' | 'wearable' | 'desktop' | 'other'; name?: string; user_agent?: string; capabilities?: string[] }

export interface SyncClientOptions {
  /** The server's base URL (http(s)://host:port); the client connects to its /ws. */
  url: string;
  sessionId: string;
  deviceId: string;
  /** A token, or a function called before every connection attempt (again after a refusal). */
  token: string | TokenSupplier;
  device?: DeviceDescription;
  /** Default: an IndexedDbStore named "syncbridge" where IndexedDB exists, else a MemoryStore. */
  store?: LocalStore;
  onConflict?: ConflictHandler;
  backoff?: BackoffOptions;
  /** false: open without connecting (call connect() later). Default true. */
  online?: boolean;
  /** At most this many changes wait at once (default 10,000); change() beyond throws QUEUE_FULL. */
  maxPending?: number;
  heartbeatMs?: number;
  /** How long a gap in the versions may stay open before the client asks to resume (default 2 s). */
  gapMs?: number;
  WebSocket?: typeof WebSocket;
  random?: () => number;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
  logger?: Pick<Console, 'error' | 'warn'>;
}

export type Status = 'connecting' | 'online' | 'offline' | 'resyncing';

export interface ChangeOutcome {
  mutationId: string;
  status: 'applied' | 'rebased' | 'duplicate' | 'dropped' | 'rejected';
  version?: number;
  error?: SyncBridgeError;
}

export interface StateEvent { state: JsonObject; version: number; pending: PendingChange[]; activeDeviceId: string | null }
export interface RemoteChange { version: number; deviceId: string; mutationId: string; ops: Operation[] }
export interface HandoffEvent { kind: 'start' | 'complete'; handoffId: string; fromDeviceId: string; toDeviceId: string; latencyMs?: number; version?: number }
export interface Device { id: string; type: string; name: string; online?: boolean; active?: boolean; [key: string]: unknown }

export interface SyncClientEvents {
  state: StateEvent;
  status: Status;
  remote: RemoteChange;
  ack: ChangeOutcome;
  conflict: { change: PendingChange; conflict: ConflictInfo; resolution: 'reapplied' | 'dropped' };
  rejected: { change: PendingChange; reason: string; message: string };
  handoff: HandoffEvent;
  devices: Device[];
  token: { token: string; expiresAt: number | string };
  /** The server had lost changes this device saw: `ops` re-submit what it held (queued first). */
  serverBehind: { serverVersion: number; heldVersion: number; ops: Operation[] };
  error: SyncBridgeError;
  expiring: { expiresAt: string };
  ended: { reason: 'expired' | 'deleted' };
}

export declare class SyncClient {
  /** Creates a client, loads its store's record for this session and device, and connects unless online: false. */
  static open(options: SyncClientOptions): Promise<SyncClient>;
  constructor(options: SyncClientOptions);
  readonly sessionId: string;
  readonly deviceId: string;
  /** The optimistic local view: the server state with the pending changes on top. */
  readonly state: JsonObject;
  /** The last version the server confirmed (-1 before the first contact). */
  readonly version: number;
  readonly serverState: JsonObject;
  readonly queue: PendingChange[];
  readonly status: Status;
  readonly activeDeviceId: string | null;
  readonly devices: Device[];
  on<E extends keyof SyncClientEvents>(event: E, listener: (value: SyncClientEvents[E]) => void): () => void;
  /** Applies at once to the local view and queues for the server; throws SyncBridgeError when it cannot apply. */
  change(ops: Operation[]): Promise<ChangeOutcome>;
  set(path: string, value: Json): Promise<ChangeOutcome>;
  remove(path: string): Promise<ChangeOutcome>;
  connect(): void;
  disconnect(): void;
  close(): Promise<void>;
  /** Resolves when everything changed so far is in the store. */
  persisted(): Promise<void>;
  createHandoffToken(options?: { ttlSeconds?: number }): Promise<{ handoffToken: string; expiresAt: string }>;
  handOffTo(targetDeviceId: string): void;
  claimHandoff(handoffToken: string, options?: { fetch?: typeof fetch }): Promise<ClaimedHandoff>;
}

export interface ClaimedHandoff {
  token: string; sessionId: string; userId: string; deviceId: string; expiresAt: string; state: JsonObject; version: number;
}

export declare function claimHandoff(options: {
  baseUrl: string; handoffToken: string; deviceId: string; device?: DeviceDescription; fetch?: typeof fetch;
}): Promise<ClaimedHandoff>;

export declare function handoffUrl(pageUrl: string, handoffToken: string): string;
export declare function readHandoffToken(url: string): string | null;
