// A scripted stand-in for the server's WebSocket: the test reads what the client sent and answers.

export class FakeNetwork {
  constructor() {
    this.sockets = [];
    this.waiting = [];
    const network = this;
    this.WebSocket = class {
      constructor(url) {
        this.url = url;
        this.sent = [];
        this.readyState = 0;
        this.closed = null;
        this.received = [];
        network.sockets.push(this);
        network.waiting.splice(0).forEach((resolve) => resolve(this));
      }

      send(text) {
        const message = JSON.parse(text);
        this.sent.push(message);
        this.received.splice(0).forEach((resolve) => resolve(message));
      }

      close(code = 1000) {
        if (this.closed) return;
        this.closed = code;
        this.readyState = 3;
        queueMicrotask(() => this.onclose?.({ code }));
      }

      // --- what the test does -----------------------------------------------------------
      accept() {
        this.readyState = 1;
        this.onopen?.({});
      }

      reply(type, payload, extra = {}) {
        this.onmessage?.({ data: JSON.stringify({ type, timestamp: 1, payload, ...extra }) });
      }

      /** The next message of the given type the client sends (already sent or still to come). */
      async next(type) {
        for (;;) {
          const index = this.sent.findIndex((m) => m.type === type && !m.taken);
          if (index >= 0) {
            this.sent[index].taken = true;
            return this.sent[index];
          }
          await new Promise((resolve) => this.received.push(resolve));
        }
      }

      cut() {
        this.closed = 1006;
        this.readyState = 3;
        this.onclose?.({ code: 1006 });
      }
    };
  }

  /** The socket the client opens as its (index+1)th, once it is opened. */
  async nextSocket(index = 0) {
    while (this.sockets.length <= index) await new Promise((resolve) => this.waiting.push(resolve));
    return this.sockets[index];
  }
}

/** Opens the socket, answers Auth with AuthSuccess and, when the client resumes, with the given Catchup. */
export async function authenticate(socket, { version = 0, catchup, activeDeviceId = 'laptop' } = {}) {
  socket.accept();
  const auth = await socket.next(7);
  socket.reply(8, { new_token: 'fresh', expires_at: '2030-01-01T00:00:00Z', session_id: 's-1', user_id: 'u-1',
    device_id: auth.payload.device_id, version, active_device_id: activeDeviceId, devices: [] });
  return auth;
}

export async function until(condition, what = 'the condition', timeoutMs = 5000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
