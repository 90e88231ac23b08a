/**
 * One interface for encrypting secrets at rest. The Electron shell uses the OS keychain through
 * `safeStorage`; headless mode uses a random key in a file readable only by the user, kept in a
 * different folder from the state database that holds the ciphertexts.
 */
export interface SecretBox {
  /** A short name stored with each ciphertext, so a value is never decrypted by the wrong box. */
  readonly scheme: string;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}
