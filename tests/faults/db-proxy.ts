/**
 * A TCP proxy between the engine and MariaDB that cuts every connection at a chosen moment: before
 * or after the n-th statement matching a pattern (the client's COM_QUERY packets are parsed; the
 * MySQL protocol is plain text here), after n bytes from the client, or after a statement was sent
 * with its answer swallowed (the database did the work, the program never hears of it).
 */
import net from 'node:net';

export type CutRule =
  | { kind: 'before-query'; match: RegExp; nth: number }
  | { kind: 'answer-lost'; match: RegExp; nth: number }
  | { kind: 'bytes'; after: number }
  /** From the n-th matching statement on, nothing passes either way, and the connections stay open. */
  | { kind: 'silence'; match: RegExp; nth: number };

const COM_QUERY = 0x03;

export class DbProxy {
  private server!: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private rule: CutRule | null = null;
  private seen = 0;
  private bytes = 0;
  private blackhole = false;
  private silent = false;
  private onQuery: ((sql: string) => void) | null = null;
  port = 0;
  /** Cuts made, and the statement (or byte count) each landed on. */
  readonly cuts: string[] = [];
  /** Statements and client bytes since the last `count()`. */
  stats = { queries: 0, bytes: 0 };

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  arm(rule: CutRule): void {
    this.rule = rule;
    this.seen = 0;
    this.bytes = 0;
  }

  disarm(): void {
    this.rule = null;
    this.blackhole = false;
    this.silent = false;
  }

  count(): void {
    this.stats = { queries: 0, bytes: 0 };
  }

  /** Resolves with the next statement matching `match` that any client sends. */
  nextQuery(match = /./): Promise<string> {
    return new Promise((resolve) => {
      this.onQuery = (sql) => {
        if (!match.test(sql)) return;
        this.onQuery = null;
        resolve(sql);
      };
    });
  }

  cutAll(reason: string): void {
    this.cuts.push(reason);
    this.rule = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.blackhole = false;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    let pending = Buffer.alloc(0);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    upstream.on('data', (d: Buffer) => {
      if (!this.blackhole && !this.silent) client.write(d);
    });
    client.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      // Forward whole packets only, so a cut can land exactly before or after one statement.
      while (pending.length >= 4) {
        const len = pending.readUIntLE(0, 3);
        if (pending.length < 4 + len) break;
        const packet = pending.subarray(0, 4 + len);
        pending = pending.subarray(4 + len);
        if (!this.forward(packet, upstream)) return;
      }
    });
  }

  /** Sends one client packet on, or cuts; false once the connections are gone. */
  private forward(packet: Buffer, upstream: net.Socket): boolean {
    if (this.silent) return true;
    const isQuery = packet[3] === 0 && packet[4] === COM_QUERY;
    const sql = isQuery ? packet.subarray(5).toString('utf8') : '';
    const rule = this.rule;
    if (rule?.kind === 'bytes' && this.bytes + packet.length > rule.after) {
      // Mid-packet: the server gets half a statement, then the connection is gone.
      upstream.write(packet.subarray(0, rule.after - this.bytes));
      this.cutAll(`after ${rule.after} bytes${sql ? ` (in: ${sql.slice(0, 40)})` : ''}`);
      return false;
    }
    this.bytes += packet.length;
    this.stats.bytes += packet.length;
    if (isQuery) {
      this.stats.queries++;
      if (process.env.FAULTS_DEBUG) console.log(Date.now() % 100000, sql.slice(0, 80));
      this.onQuery?.(sql);
      if (rule && rule.kind !== 'bytes' && rule.match.test(sql) && ++this.seen === rule.nth) {
        if (rule.kind === 'silence') {
          this.cuts.push(`silent from #${rule.nth} ${sql.slice(0, 40)}`);
          this.silent = true;
          this.rule = null;
          return true;
        }
        if (rule.kind === 'before-query') {
          this.cutAll(`before #${rule.nth} ${sql.slice(0, 40)}`);
          return false;
        }
        // The statement reaches the server; its answer never reaches the program.
        this.blackhole = true;
        this.rule = null;
        upstream.write(packet);
        setTimeout(() => this.cutAll(`answer lost: #${rule.nth} ${sql.slice(0, 40)}`), 150);
        return true;
      }
    }
    upstream.write(packet);
    return true;
  }
}
