/** The desktop secret box: Electron's safeStorage (DPAPI on Windows, the keychain elsewhere). */
import { safeStorage } from 'electron';
import type { SecretBox } from '../engine/secrets/secret-box';

const SCHEME = 'ss1';

export class SafeStorageSecretBox implements SecretBox {
  readonly scheme = SCHEME;

  constructor() {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('the operating system offers no secret storage (safeStorage is unavailable)');
    }
  }

  encrypt(plaintext: string): string {
    return `${SCHEME}:${safeStorage.encryptString(plaintext).toString('base64')}`;
  }

  decrypt(ciphertext: string): string {
    const [scheme, body] = ciphertext.split(':');
    if (scheme !== SCHEME || !body) throw new Error('ciphertext was not written by safeStorage');
    return safeStorage.decryptString(Buffer.from(body, 'base64'));
  }
}
