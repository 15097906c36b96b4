// Type declarations of the QR encoder (qrcode.js).

export interface QrCode {
  version: number;
  size: number;
  /** modules[y][x] is true for a dark module. */
  modules: boolean[][];
}

/** Encodes text (UTF-8, byte mode) in the smallest QR version that holds it. */
export declare function encodeQr(text: string, options?: { ecc?: 'L' | 'M' }): QrCode;

/** The QR code as an SVG document, with a quiet zone of `border` modules. */
export declare function qrSvg(text: string, options?: { ecc?: 'L' | 'M'; border?: number; scale?: number }): string;
