// A TCP proxy that can be cut: the database-outage test puts it between a server and PostgreSQL
// (which other test files are using, so it must not be stopped). cut() drops every piped connection
// and stops accepting — to the server the database is gone, its sockets reset and new connections
// refused — and restore() accepts again on the same port.
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get up(): boolean {
    return !!this.server;
  }

  async listen(port = this.port): Promise<number> {
    const server = net.createServer((client) => {
      if (this.frozen) {
        // A database that accepts connections but never answers (a hung host, a lost route).
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client)).on('error', () => undefined).resume();
        return;
      }
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined); // a reset is the expected way for these sockets to end
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** The database becomes unreachable: live connections are reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
    await closed;
  }

  /** The database stops answering without closing anything: bytes sent to it go nowhere. */
  freeze(): void {
    this.frozen = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.removeAllListeners('data');
      s.resume(); // swallow what the server sends
    }
  }

  /** Back to normal: frozen connections are dropped (their protocol state is lost), new ones piped. */
  async restore(): Promise<void> {
    if (this.frozen) {
      this.frozen = false;
      for (const s of this.sockets) s.resetAndDestroy();
      this.sockets.clear();
    }
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
