// A Telegram Bot API server on 127.0.0.1 that speaks the wire protocol grammY uses
// (POST /bot<token>/<method>, JSON in, {ok, result} or {ok:false, error_code, description} out),
// for the methods the bridge calls. Telegram itself cannot run here.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

/** One call the fake received. */
export interface FakeTelegramCall {
  readonly method: string;
  /** Whether the path carried the configured token. */
  readonly tokenOk: boolean;
  readonly body: Record<string, unknown>;
  /** Date.now() when it arrived. */
  readonly at: number;
}

/** A Bot API error answer to inject. */
export interface FakeTelegramError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number };
}

/** A running fake Bot API. */
export interface FakeTelegram {
  /** `http://127.0.0.1:<port>`, for grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  readonly calls: FakeTelegramCall[];
  /** Calls of one method. */
  callsOf(method: string): FakeTelegramCall[];
  /** Answers the next call of `method` with `error` instead. */
  failNext(method: string, error: FakeTelegramError): void;
  /** Queues an update for getUpdates. */
  queueUpdate(update: Update): void;
  /** Resolves once a call of `method` has arrived (bounded by `timeoutMs`). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<FakeTelegramCall[]>;
  close(): Promise<void>;
}

interface StoredMessage {
  text: string;
  markup: string;
}

/**
 * Starts the fake on a free port.
 *
 * @example
 * const telegram = await startFakeTelegram();
 * const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
 */
export async function startFakeTelegram(token = "123456:TEST-token_secretpart"): Promise<FakeTelegram> {
  const calls: FakeTelegramCall[] = [];
  const failures = new Map<string, FakeTelegramError[]>();
  const messages = new Map<string, StoredMessage>();
  const updates: Update[] = [];
  const pollers = new Set<() => void>();
  let nextMessageId = 1;

  const methods: Record<string, (body: Record<string, unknown>) => unknown> = {
    getMe: () => ({ id: 123456, is_bot: true, first_name: "sec0", username: "sec0_test_bot" }),
    deleteWebhook: () => true,
    answerCallbackQuery: () => true,
    sendMessage: (body) => {
      const messageId = nextMessageId++;
      messages.set(`${body.chat_id}:${messageId}`, stored(body));
      return message(body.chat_id, messageId, body.text);
    },
    editMessageText: (body) => {
      const key = `${body.chat_id}:${body.message_id}`;
      const before = messages.get(key);
      const after = stored(body);
      if (before !== undefined && before.text === after.text && before.markup === after.markup) {
        return notModified;
      }
      messages.set(key, after);
      return message(body.chat_id, Number(body.message_id), body.text);
    },
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url ?? "");
    const body = await readJson(request);
    if (match === null) return send(response, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, pathToken, method] = match as unknown as [string, string, string];
    calls.push({ method, tokenOk: pathToken === token, body, at: Date.now() });
    if (pathToken !== token) return send(response, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const failure = failures.get(method)?.shift();
    if (failure !== undefined) return send(response, failure.error_code, { ok: false, ...failure });
    if (method === "getUpdates") return send(response, 200, { ok: true, result: await poll(body, response) });
    const answer = methods[method];
    if (answer === undefined) {
      return send(response, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
    const result = answer(body);
    if (result === notModified) {
      return send(response, 400, {
        ok: false,
        error_code: 400,
        description:
          "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      });
    }
    return send(response, 200, { ok: true, result });
  }

  async function poll(body: Record<string, unknown>, response: ServerResponse): Promise<Update[]> {
    const offset = typeof body.offset === "number" ? body.offset : 0;
    // Confirmed updates are forgotten, as Telegram does.
    while (updates.length > 0 && (updates[0] as Update).update_id < offset) updates.shift();
    const limit = typeof body.limit === "number" ? body.limit : 100;
    const waitMs = Math.min(typeof body.timeout === "number" ? body.timeout : 0, 2) * 1000;
    if (updates.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pollers.delete(wake);
          resolve();
        };
        const wake = () => {
          if (updates.length > 0) done();
        };
        const timer = setTimeout(done, waitMs);
        pollers.add(wake);
        response.once("close", done);
      });
    }
    return updates.slice(0, limit);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    queueUpdate(update) {
      updates.push(update);
      for (const wake of pollers) wake();
    },
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.filter((call) => call.method === method).length < count) {
        if (Date.now() > deadline) throw new Error(`fake telegram: no ${count} × ${method} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return calls.filter((call) => call.method === method);
    },
    async close() {
      for (const wake of pollers) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const notModified = Symbol("not modified");

function stored(body: Record<string, unknown>): StoredMessage {
  return { text: String(body.text), markup: JSON.stringify(body.reply_markup ?? null) };
}

function message(chatId: unknown, messageId: number, text: unknown) {
  const id = typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id, type: "group", title: "approvals" }, text };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Options of {@link callbackQueryUpdate}. */
export interface CallbackQueryUpdateOptions {
  readonly updateId: number;
  readonly data?: string;
  readonly queryId?: string;
  readonly chatId?: number;
  readonly messageId?: number;
  readonly fromId?: number;
  readonly username?: string;
}

/**
 * Builds a `callback_query` update as Telegram sends it for a press on an inline button.
 *
 * @example
 * telegram.queueUpdate(callbackQueryUpdate({ updateId: 1, data: "s0:a:esc_1" }));
 */
export function callbackQueryUpdate(options: CallbackQueryUpdateOptions): Update {
  const chatId = options.chatId ?? -1001234567890;
  return {
    update_id: options.updateId,
    callback_query: {
      id: options.queryId ?? `query-${options.updateId}`,
      from: { id: options.fromId ?? 4242, is_bot: false, first_name: "Alice", username: options.username ?? "alice" },
      chat_instance: "instance-1",
      ...(options.data === undefined ? {} : { data: options.data }),
      message: {
        message_id: options.messageId ?? 7,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "supergroup", title: "approvals" },
        text: "card",
      },
    },
  } as Update;
}
