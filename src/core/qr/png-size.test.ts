import { describe, expect, test } from 'vitest';
import { PNG } from 'pngjs';
import { pngSize, pngWithin } from './png-size';

const dataUrl = (width: number, height: number) => `data:image/png;base64,${PNG.sync.write(new PNG({ width, height })).toString('base64')}`;

/** A PNG header claiming any size, followed by nothing: what a hostile sender could hand over. */
function claimed(width: number, height: number): string {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

describe('pngSize', () => {
  test('reads the size from IHDR without decoding', () => {
    expect(pngSize(dataUrl(37, 211))).toEqual({ width: 37, height: 211 });
    expect(pngSize(claimed(30_000, 30_000))).toEqual({ width: 30_000, height: 30_000 });
  });

  test('refuses what is not a PNG start', () => {
    expect(pngSize('data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ')).toBeNull();
    expect(pngSize('data:image/png;base64,iVBORw0KGgo=')).toBeNull();
    expect(pngSize(`data:image/png;base64,${Buffer.from('GIF89a is not a png at all, no').toString('base64')}`)).toBeNull();
    expect(pngSize(claimed(0, 10))).toBeNull();
  });

  test('absurd sizes are refused before decoding', () => {
    expect(pngWithin(dataUrl(1024, 1024), 1024, 1024 * 1024)).toBe(true);
    expect(pngWithin(claimed(1025, 10), 1024, 1 << 24)).toBe(false);
    expect(pngWithin(claimed(8000, 8000), 8192, 40_000_000)).toBe(false);
    expect(pngWithin('data:image/png;base64,', 8192, 1 << 30)).toBe(false);
  });
});
