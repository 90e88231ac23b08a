// Writes the packaging icons into build/ from the same drawing the tray uses (electron/shell/icon-art.ts):
// icon.png (512 px, Linux and the window) and icon.ico (16 to 256 px, the Windows app and installer).
// Run `npx tsx scripts/make-icons.ts` after changing the drawing; the outputs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { appIcon } from '../electron/shell/icon-art';
import { encodeIco, encodePng } from '../electron/shell/png';

mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', encodePng(appIcon(512)));
writeFileSync('build/icon.ico', encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => appIcon(size))));
console.log('wrote build/icon.png (512 px) and build/icon.ico (16-256 px)');
