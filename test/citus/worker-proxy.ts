/**
 * A TCP proxy in front of a Citus worker, for the fault tests: the worker is registered in a test database under
 * the proxy's port, so a test can stop "the worker" for its own database — every connection through the proxy
 * reset, new ones refused — without touching the worker server that other test runs share.
 */
import net from 'node:net';

/** A proxy forwarding to one worker, which a test stops and starts. */
export interface WorkerProxy {
  /** The port to register the worker with (on 127.0.0.1). */
  port: number;
  /** The worker "stops": every connection is reset and new ones are refused (nothing listens on the port). */
  stop(): Promise<void>;
  /** The worker is back: the port accepts and forwards again. */
  start(): Promise<void>;
  /** Ends the proxy for good. */
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one) of 127.0.0.1; resolves with the port. */
function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** A proxy on a free port of 127.0.0.1 forwarding to the worker at `target`. */
export async function aWorkerProxy(target: { host: string; port: number }): Promise<WorkerProxy> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    // Either side ending or failing ends both, as a connection to a stopped server ends.
    const end = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', end);
      socket.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  let port = await listen(server, 0);
  let listening = true;
  const stop = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A reset, as the peer of a killed server sees it (the coordinator's and the worker's sockets alike).
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    await closed;
  };
  return {
    get port() {
      return port;
    },
    stop,
    async start() {
      if (listening) return;
      port = await listen(server, port);
      listening = true;
    },
    close: stop,
  };
}
