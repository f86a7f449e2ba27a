import type { Transport, TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage, MessageExtraInfo } from "@modelcontextprotocol/sdk/types.js";
import type { ServerIdentity, ToolGovernor } from "@sec0/guard";
import { createMessageInterceptor, type MessageInterceptor } from "./message-interceptor.js";

/**
 * A server-side MCP {@link Transport} that puts a governor between the real transport (the client
 * side) and the SDK server: inbound messages go through `fromClient`, the server's `send` through
 * `fromServer`. `sessionId`, `setProtocolVersion`, `start`, `close`, the callbacks the caller set
 * on the real transport before connecting, and send options (`relatedRequestId`) are preserved.
 */
export class GovernedServerTransport implements Transport {
  readonly #inner: Transport;
  readonly #interceptor: MessageInterceptor;
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: (<T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void) | undefined;
  setProtocolVersion?: ((version: string) => void) | undefined;

  /**
   * Wraps `inner` for a server; `server` is its identity when known up front (else taken from the
   * `initialize` answer).
   *
   * @example
   * await mcpServer.server.connect(new GovernedServerTransport(transport, governor));
   */
  constructor(inner: Transport, governor: ToolGovernor, server?: ServerIdentity) {
    this.#inner = inner;
    // Keep what the caller attached before connect (e.g. a session map cleanup); Protocol chains it.
    this.onclose = inner.onclose;
    this.onerror = inner.onerror;
    if (typeof inner.setProtocolVersion === "function") {
      this.setProtocolVersion = (version) => inner.setProtocolVersion?.(version);
    }
    this.#interceptor = createMessageInterceptor({
      governor,
      server,
      sendToClient: (message, options) => inner.send(message, options),
      sendToServer: (message, extra) => this.onmessage?.(message, extra),
      onError: (error) => this.onerror?.(error),
    });
  }

  /** The real transport's session id (Streamable HTTP), read live. */
  get sessionId(): string | undefined {
    return this.#inner.sessionId;
  }

  async start(): Promise<void> {
    // Installed here, not earlier: the server's own onmessage exists only once connect() ran.
    this.#inner.onmessage = (message, extra) => {
      void this.#interceptor.fromClient(message, extra);
    };
    this.#inner.onclose = () => {
      this.#interceptor.close();
      this.onclose?.();
    };
    this.#inner.onerror = (error) => this.onerror?.(error);
    await this.#inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.#interceptor.fromServer(message, options);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
