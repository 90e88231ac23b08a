/**
 * The icons drawn in code: valid PNG files (checked by decoding them with zlib), a valid .ico with
 * the sizes Windows and NSIS use, the committed build/ icons equal to what the drawing gives
 * (so a change to icon-art.ts cannot ship stale installer icons), and one tray look per state.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appIcon, trayIcon } from '../../electron/shell/icon-art';
import { encodeIco, encodePng } from '../../electron/shell/png';

function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 4 + 1) * height);
  return { width, height, raw };
}

describe('icons', () => {
  it('encodes a decodable RGBA PNG with the drawn pixels', () => {
    const image = appIcon(64);
    const { width, height, raw } = decodePng(encodePng(image));
    expect([width, height]).toEqual([64, 64]);
    // The centre row's pixels round-trip exactly.
    const row = 32;
    const fromPng = raw.subarray(row * (64 * 4 + 1) + 1, (row + 1) * (64 * 4 + 1));
    expect(Buffer.from(fromPng)).toEqual(Buffer.from(image.data.subarray(row * 64 * 4, (row + 1) * 64 * 4)));
    // Transparent corner, opaque blue edge middle.
    expect(image.data[3]).toBe(0);
    expect(Array.from(image.data.subarray((32 * 64 + 2) * 4, (32 * 64 + 2) * 4 + 4))).toEqual([25, 103, 210, 255]);
  });

  it('build/icon.png (512 px) and build/icon.ico are what the drawing gives now', () => {
    const png = readFileSync('build/icon.png');
    expect(decodePng(png).width).toBe(512);
    expect(png.equals(encodePng(appIcon(512)))).toBe(true);
    const ico = readFileSync('build/icon.ico');
    expect(ico.equals(encodeIco([16, 24, 32, 48, 64, 128, 256].map((s) => appIcon(s))))).toBe(true);
  });

  it('the .ico lists 7 sizes up to 256 px, BMP below 256 and PNG at 256', () => {
    const ico = readFileSync('build/icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico[e] || 256;
      sizes.push(size);
      const offset = ico.readUInt32LE(e + 12);
      const isPng = ico.subarray(offset + 1, offset + 4).toString() === 'PNG';
      expect(isPng).toBe(size === 256);
      if (!isPng) expect(ico.readUInt32LE(offset)).toBe(40); // BITMAPINFOHEADER
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('the tray has a different look per state (idle, ok, running, failed)', () => {
    const looks = (['idle', 'ok', 'running', 'failed'] as const).map((s) =>
      encodePng(trayIcon(s, 16)).toString('base64'),
    );
    expect(new Set(looks).size).toBe(4);
  });
});
