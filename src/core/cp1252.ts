// Windows-1252, the code page Windows tools (Notepad, PowerShell 5, Event Viewer exports) write logs in. Node 20's
// TextDecoder reads 'windows-1252' as Latin-1, which turns „ “ ” – — € into control characters, so the 32 bytes where
// the two differ (0x80–0x9F) are mapped here, from the WHATWG Encoding Standard's index-windows-1252.

const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const latin1 = new TextDecoder('latin1');

export function decodeWindows1252(bytes: Uint8Array): string {
  return latin1
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80] ?? 0));
}
