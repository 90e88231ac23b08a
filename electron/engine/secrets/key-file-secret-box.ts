/**
 * Headless secret box: AES-256-GCM with a random 32-byte key in a 0600 file. The key file lives in
 * the config folder, the ciphertexts in the data folder's state database: never side by side.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretBox } from './secret-box';

const SCHEME = 'kf1';

export class KeyFileSecretBox implements SecretBox {
  readonly scheme = SCHEME;
  private readonly key: Buffer;

  constructor(readonly keyFile: string) {
    this.key = loadOrCreateKey(keyFile);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [SCHEME, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(ciphertext: string): string {
    const [scheme, iv, tag, body] = ciphertext.split(':');
    if (scheme !== SCHEME || !iv || !tag || body === undefined) {
      throw new Error('ciphertext was not written by the key-file secret box');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) {
      // Someone widened the permissions: narrow them again rather than refuse to start.
      chmodSync(keyFile, 0o600);
    }
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`secret key file ${keyFile} is damaged (expected 32 bytes)`);
    return key;
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}
