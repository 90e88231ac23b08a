/**
 * A rogue "MySQL server" of the test's own: it speaks just enough of the protocol to get a client
 * to authenticate with caching_sha2_password over plain TCP, and records what it was given: the
 * user name, the auth token (derived from the password: enough for an offline guess) and, when
 * the client asks for the server's public key, the password itself in clear (it hands out its own
 * RSA key, then decrypts what comes back). Then it refuses the login.
 */
import { constants, createHash, generateKeyPairSync, privateDecrypt, randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RogueLogin {
  user: string;
  /** The auth token of the handshake response; empty when no password was used. */
  token: Buffer;
  /** The password in clear, when the client sent it RSA-encrypted to our key. */
  password: string | null;
  /**
   * Whether the token was computed from `password` (what an offline guess would confirm), by
   * caching_sha2_password's or mysql_native_password's formula (the client picks its first one).
   */
  madeWith(password: string): boolean;
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
function sha1(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

/** mysql_native_password's token: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))). */
function nativeTokenOf(password: string, scramble: Buffer): Buffer {
  const stage1 = sha1(Buffer.from(password));
  const stage3 = sha1(Buffer.concat([scramble, sha1(stage1)]));
  return Buffer.from(stage1.map((b, i) => b ^ stage3[i]));
}

/** caching_sha2_password's token: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble). */
function tokenOf(password: string, scramble: Buffer): Buffer {
  const stage1 = sha256(Buffer.from(password));
  const stage3 = sha256(Buffer.concat([sha256(stage1), scramble]));
  return Buffer.from(stage1.map((b, i) => b ^ stage3[i]));
}

export interface RogueMysql {
  port: number;
  /** Every connection that reached us, and what it gave away. */
  logins: RogueLogin[];
  close(): Promise<void>;
}

function packet(seq: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = seq;
  return Buffer.concat([head, payload]);
}

function handshake(scramble: Buffer): Buffer {
  const lower = 0xf7ff; // everything but CLIENT_SSL: the connection stays plain text
  const upper = 0x0008 | 0x0020; // PLUGIN_AUTH, PLUGIN_AUTH_LENENC_CLIENT_DATA
  return Buffer.concat([
    Buffer.from([10]),
    Buffer.from('8.0.99-rogue\0'),
    Buffer.from([1, 0, 0, 0]),
    scramble.subarray(0, 8),
    Buffer.from([0]),
    Buffer.from([lower & 0xff, lower >> 8, 45, 2, 0, upper & 0xff, upper >> 8, 21]),
    Buffer.alloc(10),
    scramble.subarray(8, 20),
    Buffer.from([0]),
    Buffer.from('caching_sha2_password\0'),
  ]);
}

const ERR_ACCESS_DENIED = Buffer.concat([
  Buffer.from([0xff, 0x15, 0x04]),
  Buffer.from('#28000Access denied (rogue server)'),
]);

export async function startRogueMysql(): Promise<RogueMysql> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  const logins: RogueLogin[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const scramble = Buffer.from(randomBytes(20).map((b) => (b % 94) + 33)); // printable, no NUL
    socket.write(packet(0, handshake(scramble)));
    let buffered = Buffer.alloc(0);
    let step = 0;
    let login: RogueLogin | null = null;
    socket.on('data', (d: Buffer) => {
      buffered = Buffer.concat([buffered, d]);
      while (buffered.length >= 4) {
        const len = buffered.readUIntLE(0, 3);
        if (buffered.length < 4 + len) return;
        const seq = buffered[3];
        const body = buffered.subarray(4, 4 + len);
        buffered = buffered.subarray(4 + len);
        if (step === 0) {
          // HandshakeResponse41: caps(4) max(4) charset(1) filler(23) user\0 then the lenenc token.
          let at = 32;
          const end = body.indexOf(0, at);
          const user = body.subarray(at, end).toString('utf8');
          at = end + 1;
          const tokenLength = body[at];
          const token = Buffer.from(body.subarray(at + 1, at + 1 + tokenLength));
          login = {
            user,
            token,
            password: null,
            madeWith: (pw) => token.equals(tokenOf(pw, scramble)) || token.equals(nativeTokenOf(pw, scramble)),
          };
          logins.push(login);
          step = 1;
          if (token.length === 0) {
            socket.end(packet(seq + 1, ERR_ACCESS_DENIED));
            return;
          }
          socket.write(packet(seq + 1, Buffer.from([0x01, 0x04]))); // perform full authentication
        } else if (step === 1 && body.length === 1 && body[0] === 0x02) {
          step = 2;
          socket.write(packet(seq + 1, Buffer.concat([Buffer.from([0x01]), Buffer.from(pem)])));
        } else if (step === 2 && login) {
          const mixed = privateDecrypt(
            { key: privateKey, oaepHash: 'sha1', padding: constants.RSA_PKCS1_OAEP_PADDING },
            body,
          );
          const clear = Buffer.from(mixed.map((b, i) => b ^ scramble[i % scramble.length]));
          login.password = clear.subarray(0, clear.indexOf(0)).toString('utf8');
          step = 3;
          socket.end(packet(seq + 1, ERR_ACCESS_DENIED));
        } else {
          socket.end(packet(seq + 1, ERR_ACCESS_DENIED));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    logins,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
